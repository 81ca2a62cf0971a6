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
 * <p>The numbers: {@value #VOTERS_PER_STATION} voters per station (1,000 in all) and
 * {@value #KILLS_PER_STATION} kills per station (20 in all). Seeded: the voters' marks, challenges
 * and printer faults (each run of a station's process gets its own seed), the point of each kill
 * (after a seeded number of the run's acknowledged voters, 1 to twice {@value
 * #VOTERS_PER_KILLED_RUN}, then a seeded 0 to {@value #KILL_DELAY_MS} ms, so that kills land at
 * different steps of a voter) and the numbers of acknowledged ballots at which the validators'
 * faults begin and end. Not seeded: ballot ids and nonce seeds (the kiosk's SecureRandom) and where
 * in a voter the SIGKILL lands, which depends on the machine's speed. Each run prints its numbers
 * ("election day: ...": what each station acknowledged, the faults, the mean start of a casting
 * process, the closing runs and where the time went). Voters killed mid-ballot are not acknowledged
 * (their pending ballot is voided at the next open, as at a real kiosk); the checks are over what
 * was acknowledged.
 *
 * <p>Needs root for {@code ip netns}; skips with the reason when not run as root, as the ledger's
 * NetnsNetworkTest does. CI runs as root: run as root without a working {@code ip netns}, it fails
 * with the reason instead of skipping.
 */
class ElectionDayTest {
  static final int VOTERS_PER_STATION = 500;
  static final int KILLS_PER_STATION = 10;

  /** A killed run acknowledges 1 to twice this many voters (seeded) before its kill. */
  static final int VOTERS_PER_KILLED_RUN = 20;

  /** After its last counted voter, a killed run votes on for 0 to this many ms (seeded). */
  static final int KILL_DELAY_MS = 200;

  private static final long SEED = 20261202L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> STATIONS = List.of("s1", "s2");

  @TempDir Path dir;

  /** What a station acknowledged: tracking code (hex) to the outcome word. */
  private final Map<String, Map<String, String>> acknowledged = new ConcurrentHashMap<>();

  private final Map<String, AtomicInteger> kills = new ConcurrentHashMap<>();
  private final List<String> faults = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Milliseconds from starting a casting process to its READY, one per killed run. */
  private final List<Long> startups = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Of each killed run's start: ms until main, to open the box, the rest until READY. */
  private final List<long[]> startParts = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Milliseconds each station's closing run took (cast the rest, sync, heap dump, close). */
  private final Map<String, Long> closing = new ConcurrentHashMap<>();

  /** Where the time went: phase to milliseconds, in order. */
  private final Map<String, Long> phases =
      java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void anElectionDayWithFaultsLosesNoAcknowledgedBallotAndLeavesNoCastSeed() throws Exception {
    Optional<String> why = Netns.unavailableBecause();
    // CI runs as root: there a missing 'ip netns' is a broken machine, not a reason to skip
    if (why.isPresent() && runsAsRoot()) {
      throw new AssertionError(
          "the simulated election day needs separate network hosts and cannot make them as root: "
              + why.get());
    }
    Assumptions.assumeTrue(
        why.isEmpty(), () -> "skipped: " + why.orElse("") + " (CI runs as root)");
    long started = System.currentTimeMillis();
    long phase = started;
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
        phase = lap("network and validators started", phase);

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

        // the validators' faults, while the stations vote, at seeded numbers of acknowledged
        // ballots (voting goes on whatever the ledger does, so each point is reached)
        int total = VOTERS_PER_STATION * 2;
        Random faultAt = new Random(SEED - 1);
        int v2Down = total / 8 + faultAt.nextInt(total / 8);
        int v2Up = v2Down + total / 20 + faultAt.nextInt(total / 20);
        int v3Cut = total / 2 + faultAt.nextInt(total / 8);
        int v3Back = v3Cut + total / 20 + faultAt.nextInt(total / 20);
        assertThat(waitUntil(() -> acks() >= v2Down, 120)).as("voting starts").isTrue();
        validators[1].destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        faults.add("v2 killed (SIGKILL) at " + acks() + " acknowledged ballots");
        assertThat(waitUntil(() -> acks() >= v2Up, 150)).as("voting goes on").isTrue();
        validators[1] = validator(net, files, 1);
        faults.add("v2 restarted at " + acks());
        assertThat(waitUntil(() -> acks() >= v3Cut, 150)).as("voting goes on").isTrue();
        net.link("v3", false);
        faults.add("v3 cut off the network at " + acks());
        assertThat(waitUntil(() -> acks() >= v3Back, 150)).as("voting goes on").isTrue();
        net.link("v3", true);
        faults.add("v3 reconnected at " + acks());

        for (Thread t : drivers) {
          t.join(TimeUnit.MINUTES.toMillis(4));
          assertThat(t.isAlive()).as("%s still runs after 4 minutes", t.getName()).isFalse();
        }
        assertThat(failures).as("the stations' drivers").isEmpty();
        phase = lap("voting, kills and closing", phase);

        // the ledger's facts, gathered by a process on a station's host while the boxes are read
        long recordedAll = 0;
        for (String station : STATIONS) {
          recordedAll += confirmedAtClose(station);
        }
        Path facts = Files.createDirectories(dir.resolve("ledger-facts"));
        Process ledger =
            station(
                net, "st1", "ledger", facts, "s1", (int) recordedAll, 0, policy, endpoints, null);

        // each station's box, read only after its polls closed, and its files and heap: the two
        // stations side by side (each check is one thread's work)
        TrustPolicy trust = TrustPolicy.parse(Files.readAllBytes(policy));
        Map<String, Map<String, RecordedBallot>> boxes = new HashMap<>();
        long seedsChecked = 0;
        try (var checks = java.util.concurrent.Executors.newFixedThreadPool(STATIONS.size())) {
          Map<String, java.util.concurrent.Future<StationFacts>> running = new HashMap<>();
          for (String station : STATIONS) {
            running.put(station, checks.submit(() -> checkStation(station, trust)));
          }
          for (String station : STATIONS) {
            StationFacts f;
            try {
              f = running.get(station).get();
            } catch (java.util.concurrent.ExecutionException e) {
              if (e.getCause() instanceof Error err) {
                throw err;
              }
              throw e;
            }
            boxes.put(station, f.byCode());
            seedsChecked += f.seedsChecked();
          }
        }
        assertThat(boxes.values().stream().mapToLong(Map::size).sum())
            .as("the boxes hold what their closing runs confirmed")
            .isEqualTo(recordedAll);
        phase = lap("boxes, verify-box and seed scans", phase);

        // the ledger: one checkpoint on all three validators, of exactly the boxes' ballots
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
        phase = lap("ledger checked", phase);

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
        report.append("; ").append(faults);
        report
            .append("; casting process start to READY: mean ")
            .append(
                startups.stream().mapToLong(Long::longValue).sum() / Math.max(1, startups.size()))
            .append(" ms over ")
            .append(startups.size())
            .append(" runs (until main ")
            .append(meanPart(0))
            .append(" ms, box open ")
            .append(meanPart(1))
            .append(" ms, the rest ")
            .append(meanPart(2))
            .append(" ms); closing runs (ms) ")
            .append(closing)
            .append("; phases (ms) ")
            .append(phases);
        report.append("; ").append(seconds).append(" s");
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

  private long meanPart(int i) {
    synchronized (startParts) {
      return startParts.stream().mapToLong(p -> p[i]).sum() / Math.max(1, startParts.size());
    }
  }

  private long lap(String what, long since) {
    long now = System.currentTimeMillis();
    phases.put(what, now - since);
    return now;
  }

  private static boolean runsAsRoot() {
    try {
      return Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  /** How many ballots a station's closing run saw confirmed ({@code CONFIRMED n}). */
  private long confirmedAtClose(String station) {
    String text = new Output(dir.resolve(station + "-close.out"), 0).text();
    for (String line : text.split("\n")) {
      if (line.startsWith("CONFIRMED ")) {
        return Long.parseLong(line.substring("CONFIRMED ".length()).strip());
      }
    }
    throw new AssertionError("the closing run of " + station + " said nothing confirmed: " + text);
  }

  private record StationFacts(Map<String, RecordedBallot> byCode, long seedsChecked) {}

  /**
   * One station's checks: its box read only (every acknowledged ballot once, in the state
   * acknowledged, every ballot confirmed on a trusted checkpoint), {@code verify-box}, and no seed
   * of a cast ballot in any file of its folder nor in the heap of its closing run.
   */
  private StationFacts checkStation(String station, TrustPolicy trust) throws IOException {
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
      Map<ByteBuffer, Optional<String>> verdicts = new HashMap<>();
      assertThat(
              box.confirmationsRefusedBy(
                  note ->
                      verdicts.computeIfAbsent(ByteBuffer.wrap(note), k -> refusal(trust, note))))
          .isEmpty();
      assertThat(box.auditEntries(0, 100_000).stream().map(e -> e.action()))
          .contains("polls-opened", "polls-closed");
    }
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
    long castInBox = byCode.values().stream().filter(r -> r.state() == BallotState.CAST).count();
    long castAcked = acks.values().stream().filter("CAST"::equals).count();
    assertThat(castInBox).isBetween(castAcked, castAcked + kills.get(station).get());
    assertThat(verifyBox(folder, station)).contains("All " + byCode.size() + " ballots verify");

    // no seed of a cast ballot in any file of the station's folder, nor in the closing heap
    Set<String> castIds = new HashSet<>();
    byCode.values().stream()
        .filter(r -> r.state() == BallotState.CAST)
        .forEach(r -> castIds.add(r.ballotId().toHex()));
    List<byte[]> castSeeds = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("seeds-" + station))) {
      String[] f = line.split(" ");
      if (f.length == 2 && castIds.contains(f[0])) {
        castSeeds.add(HexFormat.of().parseHex(f[1]));
      }
    }
    assertThat(castSeeds).as("the seeds of every cast ballot are known").hasSize(castIds.size());
    SeedScan scan = new SeedScan(castSeeds);
    byte[] planted = new byte[4096];
    System.arraycopy(castSeeds.getLast(), 0, planted, 1001, 32);
    assertThat(scan.firstIn(planted)).as("the scan finds a planted seed").isPresent();
    byte[] aCode = HexFormat.of().parseHex(byCode.keySet().stream().findFirst().orElseThrow());
    boolean codeSeen = false;
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path f : all.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        assertThat(scan.firstIn(bytes)).as("a cast ballot's seed in %s", f).isEmpty();
        if (f.getFileName().toString().endsWith(".mv.db")) {
          byte[] plain = decrypted(f);
          codeSeen |= SeedScan.indexOf(plain, aCode) >= 0;
          assertThat(scan.firstIn(plain)).as("a cast ballot's seed in decrypted %s", f).isEmpty();
        }
      }
    }
    assertThat(codeSeen)
        .as("the decrypted box holds a tracking code (the scan reads plaintext)")
        .isTrue();
    Path heapFile = dir.resolve("heap-" + station + ".hprof");
    byte[] heap = Files.readAllBytes(heapFile);
    assertThat(SeedScan.indexOf(heap, Boxes.key(station).seed()))
        .as("the heap dump holds the station key (the scan finds live bytes)")
        .isNotNegative();
    assertThat(scan.firstIn(heap)).as("a cast ballot's seed in the closing heap").isEmpty();
    Files.delete(heapFile);
    return new StationFacts(byCode, castSeeds.size());
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
    // a killed run lives seconds: C1 alone compiles soon and leaves the cores to the others
    List<String> jvm =
        mode.equals("vote")
            ? List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
            : List.of("-Xmx256m", "-XX:+UseSerialGC");
    return net.java(
        host, dir.resolve(station + "-" + mode + ".out"), jvm, args.toArray(new String[0]));
  }

  /**
   * One station's day: runs of its casting process, each killed with SIGKILL once it acknowledged a
   * seeded number of voters and a seeded few milliseconds more (so that the kill lands at another
   * step of a voter each time), until {@link #KILLS_PER_STATION} kills; then a last run casts the
   * rest and closes the polls. Reads what each run acknowledged from its output.
   */
  private void drive(Netns net, String station, int index, Path policy, String endpoints)
      throws Exception {
    Path folder = Files.createDirectories(dir.resolve(station));
    Random random = new Random(SEED + index);
    String host = "st" + (index + 1);
    Map<String, String> acks = acknowledged.get(station);
    Path out = dir.resolve(station + "-vote.out");
    int run = 0;
    while (kills.get(station).get() < KILLS_PER_STATION) {
      int left = VOTERS_PER_STATION - acks.size();
      // the seeded kill point: after this many acknowledged voters, then this many milliseconds
      int voters = Math.min(left, 1 + random.nextInt(2 * VOTERS_PER_KILLED_RUN));
      int delay = random.nextInt(KILL_DELAY_MS);
      long from = Files.exists(out) ? Files.size(out) : 0;
      long started = System.nanoTime();
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
      Output o = new Output(out, from);
      long deadline = System.currentTimeMillis() + 90_000;
      while (!o.text().contains("READY") && p.isAlive() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(o.text()).as("run %d of %s started", run, station).contains("READY");
      startups.add((System.nanoTime() - started) / 1_000_000);
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile(
                  "READY jvm (\\d+) ms, box open (\\d+) ms .*rest (\\d+) ms")
              .matcher(o.text());
      if (m.find()) {
        startParts.add(
            new long[] {
              Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))
            });
      }
      while (read(o.text(), acks) < voters
          && p.isAlive()
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      assertThat(read(o.text(), acks))
          .as("run %d of %s acknowledged its %d voters", run, station, voters)
          .isGreaterThanOrEqualTo(voters);
      Thread.sleep(delay);
      p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      kills.get(station).incrementAndGet();
      read(o.text(), acks);
    }
    int left = Math.max(0, VOTERS_PER_STATION - acks.size());
    Path closeOut = dir.resolve(station + "-close.out");
    long started = System.nanoTime();
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
    // what the closing run acknowledges counts as it goes (the validators' faults wait for it)
    Output o = new Output(closeOut, 0);
    long deadline = System.currentTimeMillis() + 200_000;
    while (p.isAlive() && System.currentTimeMillis() < deadline) {
      read(o.text(), acks);
      Thread.sleep(20);
    }
    assertThat(p.waitFor(1, TimeUnit.SECONDS)).as("the polls of %s closed", station).isTrue();
    String text = o.text();
    assertThat(p.exitValue()).as(text).isZero();
    assertThat(text).contains("CLOSED");
    read(text, acks);
    closing.put(station, (System.nanoTime() - started) / 1_000_000);
  }

  /** Records each acknowledgment of {@code output}; returns how many lines were acknowledgments. */
  private static int read(String output, Map<String, String> acks) {
    int n = 0;
    for (String line : output.split("\n")) {
      String[] f = line.strip().split(" ");
      switch (f[0]) {
        case "CAST", "CHALLENGED" -> acks.put(f[1], f[0]);
        case "VOIDED" -> acks.put(f[1], "VOIDED " + (f.length > 2 ? f[2] : ""));
        default -> {
          continue;
        }
      }
      n++;
    }
    return n;
  }

  /** What a process wrote to its log file from an offset on, read as it grows. */
  private static final class Output {
    private final Path file;
    private long position;
    private final StringBuilder text = new StringBuilder();

    Output(Path file, long from) {
      this.file = file;
      this.position = from;
    }

    /** Everything written so far; only complete lines (a line being written waits). */
    String text() {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
        long size = ch.size();
        if (size > position) {
          ByteBuffer b = ByteBuffer.allocate((int) (size - position));
          while (b.hasRemaining() && ch.read(b, position + b.position()) > 0) {}
          int end = b.position();
          byte[] a = b.array();
          while (end > 0 && a[end - 1] != '\n') {
            end--;
          }
          text.append(new String(a, 0, end, StandardCharsets.UTF_8));
          position += end;
        }
      } catch (java.nio.file.NoSuchFileException e) {
        // not written yet
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return text.toString();
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
      Thread.sleep(20);
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

  /**
   * Looks for any of many 32-byte seeds in one pass: a bit per hash of a seed's first 4 bytes
   * filters each offset before the seeds are looked up by their first 8 bytes.
   */
  static final class SeedScan {
    private static final int FILTER_BITS = 1 << 22;
    private final Map<Long, List<byte[]>> byPrefix = new HashMap<>();
    private final long[] filter = new long[FILTER_BITS / 64];

    SeedScan(List<byte[]> seeds) {
      for (byte[] s : seeds) {
        ByteBuffer b = ByteBuffer.wrap(s);
        byPrefix.computeIfAbsent(b.getLong(0), k -> new ArrayList<>()).add(s);
        int bit = bit(b.getInt(0));
        filter[bit >>> 6] |= 1L << bit;
      }
    }

    private static int bit(int first4) {
      return (first4 * 0x9E3779B1) >>> (32 - 22);
    }

    Optional<String> firstIn(byte[] hay) {
      ByteBuffer b = ByteBuffer.wrap(hay);
      for (int i = 0; i + 32 <= hay.length; i++) {
        int bit = bit(b.getInt(i));
        if ((filter[bit >>> 6] & (1L << bit)) == 0) {
          continue;
        }
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
