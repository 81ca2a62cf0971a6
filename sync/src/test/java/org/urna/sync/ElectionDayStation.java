package org.urna.sync;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.urna.ballotbox.BallotBox;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TestElection;
import org.urna.core.role.Role;
import org.urna.tlog.TrustPolicy;

/**
 * One station of {@link ElectionDayTest} as its own process, in its own network namespace: the
 * casting loop of a kiosk over a real ballot box and a real sync service. The test kills it with
 * SIGKILL and starts it again; each run opens the box (voiding what a killed run left pending, as
 * the kiosk does at start), casts up to {@code count} voters and syncs.
 *
 * <p>Each voter: random marks (a seeded {@link Random}), the ballot stored pending, its paper
 * record "printed": a printer fault or paper-out voids the pending ballot as the kiosk's
 * BallotWorkflow does (recorded as challenged with the printed choices); otherwise 1 in 20 voters
 * challenge, the rest cast. Each outcome is printed to stdout only after the box call returned
 * ({@code CAST <code>}, {@code CHALLENGED <code>}, {@code VOIDED <code> <fault>}): what the station
 * acknowledged.
 *
 * <p>Test harness only: before a ballot is stored, its id and nonce seed go to {@code seeds}, a
 * file outside the station's folder, so that the test can look for cast ballots' seeds in the
 * station's files and heap. A kiosk never writes a seed anywhere; the file exists only because the
 * test must know what to look for, and it is never among the files scanned.
 *
 * <p>Modes: {@code vote} (cast, sync, run until killed or done), {@code close} (cast the rest,
 * close the polls through the ballot box, sync until every ballot is confirmed, dump the heap,
 * close the box cleanly), {@code ledger} (wait until every validator publishes the same cosigned
 * checkpoint of {@code count} entries, and write each validator's checkpoint and station counts).
 *
 * <p>Arguments: mode folder station count random-seed seeds-file policy-file url1,url2,url3
 * [heap-dump]
 */
public final class ElectionDayStation {
  private static final SecureRandom SECURE = new SecureRandom();

  /** Faults of the paper record's printing, one in {@value} voters (a third of them paper-out). */
  static final int PRINTER_FAULT_ONE_IN = 25;

  static final int CHALLENGE_ONE_IN = 20;

  private ElectionDayStation() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path folder = Path.of(args[1]);
    String station = args[2];
    int count = Integer.parseInt(args[3]);
    long randomSeed = Long.parseLong(args[4]);
    Path seeds = Path.of(args[5]);
    TrustPolicy policy = TrustPolicy.parse(Files.readAllBytes(Path.of(args[6])));
    List<URI> urls = new ArrayList<>();
    for (String u : args[7].split(",")) {
      urls.add(URI.create(u));
    }
    PrintStream out = new PrintStream(new FileOutputStream(java.io.FileDescriptor.out), true);
    if (mode.equals("ledger")) {
      ledgerFacts(folder, count, urls);
      return;
    }
    SyncConfig.Builder b =
        SyncConfig.builder()
            .policy(policy)
            .stateDirectory(folder.resolve("sync"))
            .batchSize(20)
            .connectTimeout(Duration.ofSeconds(1))
            .requestTimeout(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(300))
            .backoff(Duration.ofMillis(200), Duration.ofSeconds(2));
    urls.forEach(b::endpoint);
    long t0 = System.nanoTime();
    BallotBox box = Boxes.open(folder, station);
    long opened = System.nanoTime();
    for (RecordedBallot r : box.voidPending(Boxes.key(station))) {
      out.println("VOIDED-AT-OPEN " + r.code().toHex());
    }
    if (box.counts().recorded() == 0
        && box.auditEntries(0, 1000).stream().noneMatch(ElectionDayStation::opened)) {
      box.appendAudit(Role.POLL_WORKER, "polls-opened", "station " + station);
    }
    Random random = new Random(randomSeed);
    BallotEncryptor enc = new BallotEncryptor(Boxes.ELECTION.manifest, Boxes.ELECTION.key);
    try (SyncService sync = SyncService.open(box, b.build());
        PrintStream seedOut = new PrintStream(new FileOutputStream(seeds.toFile(), true), true)) {
      sync.start();
      // where a start's time goes: the JVM until main, the box's open, the rest (pending ballots
      // voided, the encryptor and the sync opened)
      out.printf(
          "READY jvm %d ms, box open %d ms (%d recorded), rest %d ms%n",
          ManagementFactory.getRuntimeMXBean().getUptime() - (System.nanoTime() - t0) / 1_000_000,
          (opened - t0) / 1_000_000,
          box.counts().recorded(),
          (System.nanoTime() - opened) / 1_000_000);
      for (int i = 0; i < count; i++) {
        String style = random.nextBoolean() ? "referendum" : "four-by-five";
        PlaintextBallot plain = Boxes.ELECTION.randomBallot(style, random);
        NonceSeed seed = NonceSeed.random(SECURE);
        BallotId id = BallotId.random(SECURE);
        EncryptedBallot ballot = enc.encrypt(plain, id, station, TestElection.HOUR, seed);
        seedOut.println(id + " " + seed.toHex());
        box.storePending(ballot, seed);
        seed.destroy();
        int printer = random.nextInt(PRINTER_FAULT_ONE_IN * 3);
        int voter = random.nextInt(CHALLENGE_ONE_IN);
        if (printer < 3) {
          String fault = printer == 0 ? "PAPER_OUT" : printer == 1 ? "OFFLINE" : "CUTTER_ERROR";
          RecordedBallot r = box.challenge(id, plain, Boxes.key(station));
          out.println("VOIDED " + r.code().toHex() + " " + fault);
        } else if (voter == 0) {
          RecordedBallot r = box.challenge(id, plain, Boxes.key(station));
          out.println("CHALLENGED " + r.code().toHex());
        } else {
          RecordedBallot r = box.cast(id, Boxes.key(station));
          out.println("CAST " + r.code().toHex());
        }
        sync.wake();
      }
      if (mode.equals("close")) {
        box.appendAudit(
            Role.POLL_WORKER, "polls-closed", box.counts().recorded() + " recorded ballots");
        long deadline = System.currentTimeMillis() + 150_000;
        while (!(sync.status().allConfirmed()
                && box.outboxCounts().confirmed() == box.counts().recorded())
            && System.currentTimeMillis() < deadline) {
          sync.wake();
          Thread.sleep(300);
        }
        out.println("SYNC " + sync.status());
        out.println("CONFIRMED " + box.outboxCounts().confirmed());
        if (args.length > 8) {
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
              .dumpHeap(args[8], true);
        }
      } else {
        // voting done before a kill: keep syncing until the test stops this run
        Thread.sleep(Long.MAX_VALUE);
      }
    }
    box.close();
    out.println("CLOSED");
  }

  private static boolean opened(org.urna.ballotbox.audit.AuditEntry e) {
    return e.action().equals("polls-opened");
  }

  /**
   * Waits for one cosigned checkpoint of {@code total} entries on every validator; writes facts.
   */
  private static void ledgerFacts(Path folder, int total, List<URI> urls) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Map<URI, String> heads = new HashMap<>();
    Map<URI, String> stations = new HashMap<>();
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      heads.clear();
      for (URI u : urls) {
        try {
          HttpResponse<String> r =
              http.send(get(u, "/checkpoint"), HttpResponse.BodyHandlers.ofString());
          HttpResponse<String> s =
              http.send(get(u, "/v1/stations"), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200 && s.statusCode() == 200) {
            String[] lines = r.body().split("\n");
            heads.put(u, lines[1] + " " + lines[2]);
            stations.put(u, s.body());
          }
        } catch (java.io.IOException e) {
          // not yet
        }
      }
      if (heads.size() == urls.size()
          && heads.values().stream().distinct().count() == 1
          && heads.values().iterator().next().startsWith(total + " ")) {
        break;
      }
      Thread.sleep(500);
    }
    Properties p = new Properties();
    for (int i = 0; i < urls.size(); i++) {
      p.setProperty("checkpoint." + (i + 1), heads.getOrDefault(urls.get(i), "none"));
      p.setProperty("stations." + (i + 1), stations.getOrDefault(urls.get(i), "{}"));
    }
    try (var w =
        Files.newBufferedWriter(folder.resolve("ledger.properties"), StandardCharsets.UTF_8)) {
      p.store(w, "ledger facts");
    }
  }

  private static HttpRequest get(URI u, String path) {
    return HttpRequest.newBuilder(u.resolve(path)).timeout(Duration.ofSeconds(5)).build();
  }
}
