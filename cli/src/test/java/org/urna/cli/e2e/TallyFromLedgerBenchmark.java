package org.urna.cli.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Harness (not a test): the election of {@link ElectionEndToEndTest} with N ballots (half per
 * station, every 5th challenged) cast and synced into a real 3-validator ledger in this JVM, then
 * {@code urna ledger-download} and {@code urna tally-ledger} timed, a warm-up run and R timed runs.
 * Run from cli/ with the test class path: {@code java -cp ...
 * org.urna.cli.e2e.TallyFromLedgerBenchmark 10000 3} (ballots, timed runs). Prints the numbers
 * docs/benchmarks.md quotes.
 */
public final class TallyFromLedgerBenchmark {
  private TallyFromLedgerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int ballots = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    ElectionEndToEndTest e = new ElectionEndToEndTest();
    e.votersPerStation = ballots / 2;
    e.syncTimeoutSeconds = 3600;
    long t0 = System.nanoTime();
    try {
      e.anElectionCastSyncedAndDownloaded();
      System.out.printf(
          Locale.ROOT,
          "%,d ballots cast, synced and downloaded in %.1f s (ceremony, package and casting"
              + " included); %d cores%n",
          e.recorded,
          (System.nanoTime() - t0) / 1e9,
          Runtime.getRuntime().availableProcessors());
      for (int r = 0; r <= runs; r++) {
        System.out.printf(
            Locale.ROOT, "load average: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        Path folder = e.dir.resolve("bench-ledger-" + r);
        long s = System.nanoTime();
        ElectionEndToEndTest.ok(
            "ledger-download",
            "--ledger",
            e.ledger.urls(),
            "--policy",
            e.policy.toString(),
            "--out",
            folder.toString());
        double download = (System.nanoTime() - s) / 1e9;
        s = System.nanoTime();
        ElectionEndToEndTest.Run t =
            ElectionEndToEndTest.ok(
                "tally-ledger",
                "--ledger",
                folder.toString(),
                "--policy",
                e.policy.toString(),
                "--package",
                e.election.resolve("election-package.json").toString(),
                "--trust",
                e.anchor,
                "--out",
                e.dir.resolve("bench-tally-" + r + "/encrypted-totals.json").toString());
        double tally = (System.nanoTime() - s) / 1e9;
        long bytes;
        try (var w = Files.walk(folder)) {
          bytes = w.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(
            Locale.ROOT,
            "%s: ledger-download %.2f s (%,.0f entries/s, %,d bytes), tally-ledger %.2f s"
                + " (%,.0f ballots/s)%n",
            r == 0 ? "warm-up" : "run " + r,
            download,
            e.recorded / download,
            bytes,
            tally,
            e.recorded / tally);
        if (!t.out().contains(e.castCount() + " cast ballots added")) {
          throw new IllegalStateException("the tally did not add every cast ballot: " + t.out());
        }
      }
    } finally {
      e.stop();
    }
  }
}
