package org.urna.tally;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.urna.tally.record.ElectionRecordVerifier;
import org.urna.tally.record.RecordReport;
import org.urna.tally.record.RecordStep;

/**
 * Harness (not a test): generates a referendum record of N ballots (one yes/no question, two
 * stations, every 50th challenged, a checkpoint every 1,000 entries) and times verify-record on it,
 * in wall time and in the process's CPU time (every thread: the verifier's, the collector's, the
 * compiler's) per ballot. Run from tally/ with the test class path: {@code java -cp ...
 * org.urna.tally.RecordBenchmark 20000 2 3} (ballots, threads, timed runs; a fourth argument {@code
 * record-only} skips the batch verifier). Prints the numbers docs/benchmarks.md quotes.
 */
public final class RecordBenchmark {
  private RecordBenchmark() {}

  static org.urna.core.crypto.ElectionKey keyOf(RecordGenerator.Generated g) throws Exception {
    byte[] pkg = g.files().get(org.urna.tally.record.RecordLayout.PACKAGE);
    org.urna.core.election.ElectionPackage p =
        org.urna.core.election.ElectionPackage.load(
            pkg, g.sample().trustAnchor(), g.sample().manifest().votingWindow().opens());
    return new org.urna.core.crypto.ElectionKey(p.electionKey(), p.extendedHash());
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String load() throws java.io.IOException {
    String[] f =
        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
    return f[0];
  }

  /** Peak resident set of this process so far (VmHWM), in MiB. */
  private static long peakRssMib() throws java.io.IOException {
    for (String line :
        java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  /**
   * {@code generate DIR N [threads]}: writes the referendum record of N ballots into DIR with
   * {@link RecordStreamGenerator} (one batch in memory at a time). {@code verify DIR [threads]}:
   * runs {@code urna verify-record DIR --threads T} in this process (the command's own code) and
   * prints wall time, CPU per ballot, the peak resident set and the load. Otherwise: {@code N
   * threads runs [record-only]}, the in-memory comparison with the batch verifier.
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("generate")) {
      generate(args);
      return;
    }
    if (args.length > 0 && args[0].equals("verify")) {
      verify(args);
      return;
    }
    inMemory(args);
  }

  private static void generate(String[] args) throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    String loadBefore = load();
    long t0 = System.nanoTime();
    long cpu0 = cpuNanos();
    RecordStreamGenerator.Written w =
        RecordStreamGenerator.write(
            dir, "bench", n, RecordGenerator::referendumVote, 1000, threads);
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "generated %,d ballots into %s in %.1f s (%.0f µs a ballot wall, %.0f µs CPU, %d threads,"
            + " load %s -> %s); %,d bytes (%.0f a ballot); peak RSS %d MiB%n",
        n,
        dir,
        s,
        s * 1e6 / n,
        (cpuNanos() - cpu0) / 1e3 / n,
        threads,
        loadBefore,
        load(),
        w.bytes(),
        w.bytes() / (double) n,
        peakRssMib());
  }

  private static void verify(String[] args) throws Exception {
    String dir = args[1];
    String threads = args.length > 2 ? args[2] : "2";
    String loadBefore =
        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    long t0 = System.nanoTime();
    long cpu0 = cpuNanos();
    int code =
        new picocli.CommandLine(new org.urna.tally.cli.VerifyRecordCommand())
            .execute(dir, "--threads", threads);
    double s = (System.nanoTime() - t0) / 1e9;
    long cpu = cpuNanos() - cpu0;
    System.err.printf(
        Locale.ROOT,
        "verify-record %s: exit code %d, %.1f s wall, %.0f s CPU, %d threads, max heap %d MiB,"
            + " peak RSS %d MiB, load before %s, after %s%n",
        dir,
        code,
        s,
        cpu / 1e9,
        Integer.parseInt(threads),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        peakRssMib(),
        loadBefore,
        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    System.err.println("CPU by thread kind (s): " + cpuByThreadKind());
    System.exit(code);
  }

  /**
   * This process's CPU time so far by kind of thread, from /proc/self/task (Linux): the verifier's
   * pool, the collector's threads, the JIT compilers, the main thread, the rest.
   */
  static Map<String, Double> cpuByThreadKind() throws java.io.IOException {
    Map<String, Double> out = new java.util.TreeMap<>();
    long hz = 100; // USER_HZ
    try (java.util.stream.Stream<java.nio.file.Path> tasks =
        java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
      for (java.nio.file.Path t : (Iterable<java.nio.file.Path>) tasks::iterator) {
        String stat;
        try {
          stat = java.nio.file.Files.readString(t.resolve("stat"));
        } catch (java.io.IOException gone) {
          continue;
        }
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double s = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) hz;
        String kind =
            name.startsWith("pool-")
                ? "pool"
                : name.startsWith("GC ") || name.startsWith("G1 ")
                    ? "collector"
                    : name.startsWith("C1 ") || name.startsWith("C2 ")
                        ? "compiler"
                        : name.equals("main") || name.equals("java") ? "main" : "other";
        out.merge(kind, s, Double::sum);
      }
    }
    out.replaceAll((k, v) -> Math.round(v * 100) / 100.0);
    return out;
  }

  private static void inMemory(String[] args) throws Exception {
    boolean recordOnly = args.length > 3 && args[3].equals("record-only");
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long t0 = System.nanoTime();
    RecordGenerator.Generated g =
        RecordGenerator.generate("bench", RecordGenerator.referendumVotes(n), 1000);
    double genS = (System.nanoTime() - t0) / 1e9;
    long bytes = g.files().names().stream().mapToLong(x -> g.files().get(x).length).sum();
    long leafBytes = g.leaves().stream().mapToLong(b -> b.length).sum();
    System.out.printf(
        Locale.ROOT,
        "generated %,d ballots in %.1f s; record %,d bytes (%.0f bytes per ballot; leaves %.0f)%n",
        n,
        genS,
        bytes,
        bytes / (double) n,
        leafBytes / (double) n);
    System.out.printf(
        Locale.ROOT,
        "load average before: %s%n",
        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
    for (int r = 0; r <= runs; r++) {
      String loadBefore = load();
      long s = System.nanoTime();
      long cpu0 = cpuNanos();
      RecordReport rep = new ElectionRecordVerifier(g.files(), Optional.empty(), threads).verify();
      double sec = (System.nanoTime() - s) / 1e9;
      double cpuUs = (cpuNanos() - cpu0) / 1e3 / n;
      if (!rep.holds()) {
        throw new IllegalStateException("the generated record does not verify: " + rep.failures());
      }
      StringBuilder steps = new StringBuilder();
      for (Map.Entry<RecordStep, Long> e : rep.timings().entrySet()) {
        if (e.getValue() > 20_000_000L) {
          steps.append(String.format(Locale.ROOT, " %s %.2fs", e.getKey(), e.getValue() / 1e9));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%s (load %s -> %s): %,d ballots in %.2f s = %,.0f ballots/s, %d threads, CPU %.0f µs per"
              + " ballot (1,000,000 at 2 cores: %.0f s); slow steps:%s%n",
          r == 0 ? "warm-up" : "run " + r,
          loadBefore,
          load(),
          n,
          sec,
          n / sec,
          threads,
          cpuUs,
          cpuUs * 1_000_000 / 2 / 1e6,
          steps);
      if (recordOnly) {
        continue;
      }
      org.urna.core.election.ElectionManifest m = g.sample().manifest();
      org.urna.core.crypto.ElectionKey key = keyOf(g);
      long b0 = System.nanoTime();
      long bc0 = cpuNanos();
      int bad =
          new org.urna.core.verify.BatchVerifier(
                  new org.urna.core.verify.BallotVerifier(m, key), threads)
              .verify(g.recorded())
              .size();
      double batchS = (System.nanoTime() - b0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "  election-core BatchVerifier on the same ballots, same threads: %.2f s = %,.0f ballots/s,"
              + " CPU %.0f µs per ballot (%d failures)%n",
          batchS,
          n / batchS,
          (cpuNanos() - bc0) / 1e3 / n,
          bad);
    }
    System.out.printf(
        Locale.ROOT,
        "load average after: %s%n",
        java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
  }
}
