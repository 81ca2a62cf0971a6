package org.urna.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.h2.store.fs.encrypt.FileEncrypt;
import org.h2.store.fs.encrypt.FilePathEncrypt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.cli.ElectionInputs;
import org.urna.ballotbox.cli.VerifyBoxCommand;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.cli.RunNode;
import org.urna.ledger.node.Netns;
import org.urna.ledger.node.NetworkFiles;
import org.urna.tlog.SignedNote;
import org.urna.tlog.TrustPolicy;
import picocli.CommandLine;

/**
 * A simulated election day, time compressed, bounded and seeded. Two stations and three validators,
 * each a JVM on its own network host (network namespaces and veth pairs, {@link Netns}). Voters
 * with random marks; 1 in {@value ElectionDayStation#CHALLENGE_ONE_IN} challenge; printer faults
 * and paper-out void the pending ballot (1 in {@value ElectionDayStation#PRINTER_FAULT_ONE_IN}).
 * Meanwhile one validator is killed (SIGKILL) and restarted, another is cut off the network and
 * reconnected ({@code ip link set down/up}), and each station's process is killed with SIGKILL
 * {@value #KILLS_PER_STATION} times and started again. Then the polls are closed through the ballot
 * box and the test checks: every acknowledged ballot is in its box exactly once in the state
 * acknowledged (cast, or challenged/voided), the box verifies ({@code verify-box}), every ballot is
 * confirmed by an inclusion proof against a checkpoint the trusted validators cosigned, every
 * validator publishes the same checkpoint, whose size and per-station counts are the boxes' counts
 * (nothing lost on the ledger, nothing doubled), and no nonce seed of a cast ballot is in any file
 * of a station's folder (the H2 files decrypted with the box password) or in the heap of the
 * process that closed the polls.
 *
 * <p>Scaled down from the 1,000 voters and 20 kiosk kills to {@value #VOTERS_PER_STATION}
 * voters per station ({@value #VOTERS_PER_STATION}&times;2 in all) and {@value #KILLS_PER_STATION}
 * kills per station (20 in all), so that the run stays within about four minutes on a loaded
 * two-core machine; every kind of fault is kept. Each run prints its numbers ("election day: ...").
 * Voters killed mid-ballot are not acknowledged (their pending ballot is voided at the next open,
 * as at a real kiosk); the checks are over what was acknowledged.
 *
 * <p>Needs root for {@code ip netns}; skips with the reason otherwise, as the ledger's
 * NetnsNetworkTest does (CI runs as root).
 */
class ElectionDayTest {
  static final int VOTERS_PER_STATION = 300;
  static final int KILLS_PER_STATION = 10;
  private static final long SEED = 20261202L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STATIONS = List.of("s1", "s2");

  @TempDir Path dir;

  /** What a station acknowledged: tracking code (hex) to the outcome word. */
  private final Map<String, Map<String, String>> acknowledged = new ConcurrentHashMap<>();

  private final Map<String, AtomicInteger> kills = new ConcurrentHashMap<>();
  private final List<String> faults = java.util.Collections.synchronizedList(new ArrayList<>());

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void anElectionDayWithFaultsLosesNoAcknowledgedBallotAndLeavesNoCastSeed() throws Exception {
    Optional<String> why = Netns.unavailableBecause();
    Assumptions.assumeTrue(
        why.isEmpty(), () -> "skipped: " + why.orElse("") + " (CI runs as root)");
    long started = System.currentTimeMillis();
    List<String> hosts = List.of("v1", "v2", "v3", "st1", "st2");
    List<Thread> drivers = new ArrayList<>();
    try (Netns net = Netns.open("10.78.0.", hosts)) {
      try {
        List<NetworkFiles.Node> spec = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          String id = "v" + (i + 1);
          String address = "10.78.0." + (i + 1);
          urls.add("http://" + address + ":8080");
          spec.add(
              new NetworkFiles.Node(
                  id, address + ":9001", urls.get(i), 8080, address, "0.0.0.0", null));
        }
        Path ledgerDir = dir.resolve("ledger");
        Map<String, Path> files = NetworkFiles.write(ledgerDir, spec, "");
        Process[] validators = new Process[3];
        for (int i = 0; i < 3; i++) {
          validators[i] = validator(net, files, i);
        }
        Path policy = ledgerDir.resolve("network.policy");
        String endpoints = String.join(",", urls);

        // the two stations vote, each killed KILLS_PER_STATION times, in threads of their own
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int s = 0; s < 2; s++) {
          String station = STATIONS.get(s);
          acknowledged.put(station, new ConcurrentHashMap<>());
          kills.put(station, new AtomicInteger());
          int index = s;
          drivers.add(
              Thread.ofPlatform()
                  .daemon()
                  .name("station-" + station)
                  .start(
                      () -> {
                        try {
                          drive(net, station, index, policy, endpoints);
                        } catch (Throwable t) {
                          failures.add(t);
                        }
                      }));
        }

        // the validators' faults, while the stations vote
        int total = VOTERS_PER_STATION * 2;
        assertThat(waitUntil(() -> acks() >= total / 6, 120)).as("voting starts").isTrue();
        validators[1].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        faults.add("v2 killed (SIGKILL) at " + acks() + " acknowledged ballots");
        Thread.sleep(4000);
        validators[1] = validator(net, files, 1);
        faults.add("v2 restarted at " + acks());
        assertThat(waitUntil(() -> acks() >= total / 2, 150)).as("voting goes on").isTrue();
        net.link("v3", false);
        faults.add("v3 cut off the network at " + acks());
        Thread.sleep(6000);
        net.link("v3", true);
        faults.add("v3 reconnected at " + acks());

        for (Thread t : drivers) {
          t.join(TimeUnit.MINUTES.toMillis(4));
          assertThat(t.isAlive()).as("%s still runs after 4 minutes", t.getName()).isFalse();
        }
        assertThat(failures).as("the stations' drivers").isEmpty();

        // the boxes, read only, after the polls closed
        Map<String, Map<String, RecordedBallot>> boxes = new HashMap<>();
        TrustPolicy trust = TrustPolicy.parse(Files.readAllBytes(policy));
        long recordedAll = 0;
        for (String station : STATIONS) {
          Path folder = dir.resolve(station);
          Map<String, RecordedBallot> byCode = new HashMap<>();
          try (BallotBox box =
              BallotBox.openReadOnly(
                  folder.resolve("box-" + station),
                  "correct-horse-battery".toCharArray(),
                  Boxes.ELECTION.manifest,
                  Boxes.ELECTION.key,
                  station)) {
            box.forEachRecorded(
                r ->
                    assertThat(byCode.put(r.code().toHex(), r))
                        .as("a tracking code twice in the box")
                        .isNull());
            assertThat(box.counts().pending()).isZero();
            assertThat(box.counts().recorded()).isEqualTo(byCode.size());
            // every ballot confirmed, on a checkpoint the trusted validators cosigned
            assertThat(box.outboxCounts().confirmed()).isEqualTo(byCode.size());
            assertThat(box.confirmationsRefusedBy(note -> refusal(trust, note))).isEmpty();
            assertThat(box.auditEntries(0, 100_000).stream().map(e -> e.action()))
                .contains("polls-opened", "polls-closed");
            recordedAll += byCode.size();
          }
          boxes.put(station, byCode);
          // every acknowledged ballot, once, in the state acknowledged
          Map<String, String> acks = acknowledged.get(station);
          assertThat(acks).isNotEmpty();
          acks.forEach(
              (code, outcome) -> {
                RecordedBallot r = byCode.get(code);
                assertThat(r).as("acknowledged %s %s is in the box", outcome, code).isNotNull();
                assertThat(r.state())
                    .as("state of %s", code)
                    .isEqualTo(outcome.equals("CAST") ? BallotState.CAST : BallotState.CHALLENGED);
              });
          // at most one ballot per kill was cast without its acknowledgment being printed
          long castInBox =
              byCode.values().stream().filter(r -> r.state() == BallotState.CAST).count();
          long castAcked = acks.values().stream().filter("CAST"::equals).count();
          assertThat(castInBox).isBetween(castAcked, castAcked + kills.get(station).get());
          // verify-box
          assertThat(verifyBox(folder, station))
              .contains("All " + byCode.size() + " ballots verify");
        }

        // the ledger: one checkpoint on all three validators, of exactly the boxes' ballots
        Path facts = dir.resolve("ledger-facts");
        Files.createDirectories(facts);
        Process ledger =
            station(
                net, "st1", "ledger", facts, "s1", (int) recordedAll, 0, policy, endpoints, null);
        assertThat(ledger.waitFor(150, TimeUnit.SECONDS)).isTrue();
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(facts.resolve("ledger.properties"))) {
          p.load(r);
        }
        assertThat(p.getProperty("checkpoint.1")).as(p.toString()).startsWith(recordedAll + " ");
        assertThat(p.getProperty("checkpoint.2"))
            .as(p.toString())
            .isEqualTo(p.getProperty("checkpoint.1"));
        assertThat(p.getProperty("checkpoint.3"))
            .as(p.toString())
            .isEqualTo(p.getProperty("checkpoint.1"));
        for (int v = 1; v <= 3; v++) {
          JsonNode counts = JSON.readTree(p.getProperty("stations." + v)).path("stations");
          for (String station : STATIONS) {
            assertThat(counts.path(station).asLong())
                .as("v%d's count of %s", v, station)
                .isEqualTo(boxes.get(station).size());
          }
        }

        // no seed of a cast ballot in any file of a station's folder, nor in the closing heap
        long seedsChecked = 0;
        for (String station : STATIONS) {
          Set<String> castIds = new HashSet<>();
          boxes.get(station).values().stream()
              .filter(r -> r.state() == BallotState.CAST)
              .forEach(r -> castIds.add(r.ballotId().toHex()));
          List<byte[]> castSeeds = new ArrayList<>();
          for (String line : Files.readAllLines(dir.resolve("seeds-" + station))) {
            String[] f = line.split(" ");
            if (f.length == 2 && castIds.contains(f[0])) {
              castSeeds.add(HexFormat.of().parseHex(f[1]));
            }
          }
          assertThat(castSeeds)
              .as("the seeds of every cast ballot are known")
              .hasSize(castIds.size());
          seedsChecked += castSeeds.size();
          SeedScan scan = new SeedScan(castSeeds);
          Path folder = dir.resolve(station);
          byte[] lastCode =
              HexFormat.of()
                  .parseHex(boxes.get(station).keySet().stream().findFirst().orElseThrow());
          boolean codeSeen = false;
          try (Stream<Path> all = Files.walk(folder)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
              byte[] bytes = Files.readAllBytes(f);
              assertThat(scan.firstIn(bytes)).as("a cast ballot's seed in %s", f).isEmpty();
              if (f.getFileName().toString().endsWith(".mv.db")) {
                byte[] plain = decrypted(f);
                codeSeen |= SeedScan.indexOf(plain, lastCode) >= 0;
                assertThat(scan.firstIn(plain))
                    .as("a cast ballot's seed in decrypted %s", f)
                    .isEmpty();
              }
            }
          }
          assertThat(codeSeen)
              .as("the decrypted box holds a tracking code (the scan reads plaintext)")
              .isTrue();
          byte[] heap = Files.readAllBytes(dir.resolve("heap-" + station + ".hprof"));
          assertThat(SeedScan.indexOf(heap, Boxes.key(station).seed()))
              .as("the heap dump holds the station key (the scan finds live bytes)")
              .isNotNegative();
          assertThat(scan.firstIn(heap)).as("a cast ballot's seed in the closing heap").isEmpty();
          Files.delete(dir.resolve("heap-" + station + ".hprof"));
        }

        long seconds = (System.currentTimeMillis() - started) / 1000;
        StringBuilder report = new StringBuilder("election day: ");
        for (String station : STATIONS) {
          Map<String, String> a = acknowledged.get(station);
          report.append(
              String.format(
                  "%s acknowledged %d (cast %d, challenged %d, voided by the printer %d), in box %d,"
                      + " kills %d; ",
                  station,
                  a.size(),
                  a.values().stream().filter("CAST"::equals).count(),
                  a.values().stream().filter("CHALLENGED"::equals).count(),
                  a.values().stream().filter(o -> o.startsWith("VOIDED")).count(),
                  boxes.get(station).size(),
                  kills.get(station).get()));
        }
        report
            .append("ledger ")
            .append(recordedAll)
            .append(" entries; seeds checked ")
            .append(seedsChecked);
        report.append("; ").append(faults).append("; ").append(seconds).append(" s");
        System.out.println(report);
      } finally {
        // a failed check must not leave a driver starting station processes during the clean-up
        for (Thread t : drivers) {
          t.interrupt();
        }
        for (Thread t : drivers) {
          t.join(30_000);
        }
      }
    }
  }

  private static Optional<String> refusal(TrustPolicy trust, byte[] note) {
    try {
      return switch (trust.check(SignedNote.parse(note))) {
        case TrustPolicy.Verdict.Trusted t -> Optional.empty();
        case TrustPolicy.Verdict.Untrusted u -> Optional.of(u.why());
      };
    } catch (RuntimeException e) {
      return Optional.of(e.toString());
    }
  }

  private int acks() {
    return acknowledged.values().stream().mapToInt(Map::size).sum();
  }

  private Process validator(Netns net, Map<String, Path> files, int i) throws IOException {
    String id = "v" + (i + 1);
    return net.java(
        id,
        dir.resolve(id + ".out"),
        List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
        RunNode.class.getName(),
        "--config",
        files.get(id).toString());
  }

  private Process station(
      Netns net,
      String host,
      String mode,
      Path folder,
      String station,
      int count,
      long seed,
      Path policy,
      String endpoints,
      Path heap)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                ElectionDayStation.class.getName(),
                mode,
                folder.toString(),
                station,
                String.valueOf(count),
                String.valueOf(seed),
                dir.resolve("seeds-" + station).toString(),
                policy.toString(),
                endpoints));
    if (heap != null) {
      args.add(heap.toString());
    }
    return net.java(
        host,
        dir.resolve(station + "-" + mode + ".out"),
        List.of("-Xmx256m", "-XX:+UseSerialGC"),
        args.toArray(new String[0]));
  }

  /**
   * One station's day: runs of its casting process, each killed with SIGKILL a seeded while after
   * it said READY, until {@link #KILLS_PER_STATION} kills; then a last run casts the rest and
   * closes the polls. Reads what each run acknowledged from its output.
   */
  private void drive(Netns net, String station, int index, Path policy, String endpoints)
      throws Exception {
    Path folder = Files.createDirectories(dir.resolve(station));
    Random random = new Random(SEED + index);
    String host = "st" + (index + 1);
    Map<String, String> acks = acknowledged.get(station);
    int run = 0;
    while (kills.get(station).get() < KILLS_PER_STATION) {
      int left = VOTERS_PER_STATION - acks.size();
      Path out = dir.resolve(station + "-vote.out");
      long from = Files.exists(out) ? Files.size(out) : 0;
      Process p =
          station(
              net,
              host,
              "vote",
              folder,
              station,
              left,
              SEED * 100 + index * 50 + run++,
              policy,
              endpoints,
              null);
      long deadline = System.currentTimeMillis() + 90_000;
      while (!tail(out, from).contains("READY")
          && p.isAlive()
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(tail(out, from)).as("run %d of %s started", run, station).contains("READY");
      // the run votes for a seeded while; what it acknowledges is read as it goes
      long killAt = System.currentTimeMillis() + 800 + random.nextInt(2500);
      while (System.currentTimeMillis() < killAt) {
        read(tail(out, from), acks);
        Thread.sleep(100);
      }
      p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      kills.get(station).incrementAndGet();
      read(tail(out, from), acks);
    }
    int left = Math.max(0, VOTERS_PER_STATION - acks.size());
    Path out = dir.resolve(station + "-close.out");
    Process p =
        station(
            net,
            host,
            "close",
            folder,
            station,
            left,
            SEED * 100 + index * 50 + run,
            policy,
            endpoints,
            dir.resolve("heap-" + station + ".hprof"));
    assertThat(p.waitFor(200, TimeUnit.SECONDS)).as("the polls of %s closed", station).isTrue();
    String text = tail(out, 0);
    assertThat(p.exitValue()).as(text).isZero();
    assertThat(text).contains("CLOSED");
    read(text, acks);
  }

  private static void read(String output, Map<String, String> acks) {
    for (String line : output.split("\n")) {
      String[] f = line.strip().split(" ");
      switch (f[0]) {
        case "CAST", "CHALLENGED" -> acks.put(f[1], f[0]);
        case "VOIDED" -> acks.put(f[1], "VOIDED " + (f.length > 2 ? f[2] : ""));
        default -> {}
      }
    }
  }

  private static String tail(Path f, long from) {
    try {
      byte[] all = Files.readAllBytes(f);
      return new String(
          all,
          (int) Math.min(from, all.length),
          (int) Math.max(0, all.length - from),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private interface Check {
    boolean ok();
  }

  private static boolean waitUntil(Check c, int seconds) throws InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      if (c.ok()) {
        return true;
      }
      Thread.sleep(200);
    }
    return false;
  }

  private String verifyBox(Path folder, String station) throws IOException {
    Path password = dir.resolve("password-" + station);
    Files.writeString(password, "correct-horse-battery\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli =
        new CommandLine(
            new VerifyBoxCommand(
                () ->
                    new ElectionInputs(
                        Boxes.ELECTION.manifest, Boxes.ELECTION.key, Boxes.key(station))));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code =
        cli.execute(
            "--box",
            folder.resolve("box-" + station).toString(),
            "--password-file",
            password.toString(),
            "--station",
            station);
    assertThat(code).as("verify-box: %s %s", out, err).isZero();
    return out.toString();
  }

  /** Every block of an H2 file decrypted with the box's file password (H2's own XTS reader). */
  static byte[] decrypted(Path file) throws IOException {
    byte[] key = FilePathEncrypt.getPasswordBytes("correct-horse-battery".toCharArray());
    try (FileChannel raw = FileChannel.open(file, StandardOpenOption.READ);
        FileEncrypt f = new FileEncrypt(file.toString(), key, raw)) {
      ByteBuffer all = ByteBuffer.allocate((int) f.size());
      while (all.hasRemaining() && f.read(all, all.position()) > 0) {}
      return all.array();
    }
  }

  /** Looks for any of many 32-byte seeds in one pass (indexed by their first 8 bytes). */
  static final class SeedScan {
    private final Map<Long, List<byte[]>> byPrefix = new HashMap<>();

    SeedScan(List<byte[]> seeds) {
      for (byte[] s : seeds) {
        byPrefix.computeIfAbsent(ByteBuffer.wrap(s).getLong(0), k -> new ArrayList<>()).add(s);
      }
    }

    Optional<String> firstIn(byte[] hay) {
      ByteBuffer b = ByteBuffer.wrap(hay);
      for (int i = 0; i + 32 <= hay.length; i++) {
        List<byte[]> c = byPrefix.get(b.getLong(i));
        if (c != null) {
          for (byte[] s : c) {
            if (java.util.Arrays.equals(hay, i, i + 32, s, 0, 32)) {
              return Optional.of("seed " + HexFormat.of().formatHex(s) + " at offset " + i);
            }
          }
        }
      }
      return Optional.empty();
    }

    static int indexOf(byte[] hay, byte[] needle) {
      outer:
      for (int i = 0; i + needle.length <= hay.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (hay[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
