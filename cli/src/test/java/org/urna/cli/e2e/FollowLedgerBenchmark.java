package org.urna.cli.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Harness (not a test): the sample election of {@link LedgerFollowTest}, B ballots per station
 * (every 4th challenged) cast and synced into a real 3-validator ledger in this JVM in W waves,
 * {@code urna verify-ledger --once} timed after each wave (each round resumes from the state folder
 * and verifies only the new entries), then one round with nothing new, then {@code urna
 * ledger-download} and {@code urna tally-ledger} of the whole ledger timed for comparison, and the
 * two totals compared. Run from cli/ with the test class path: {@code java -cp ...
 * org.urna.cli.e2e.FollowLedgerBenchmark 1000 3} (ballots per station per wave, waves). Prints the
 * numbers docs/benchmarks.md quotes.
 */
public final class FollowLedgerBenchmark {
  private FollowLedgerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int perStation = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int waves = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    LedgerFollowTest t = new LedgerFollowTest();
    t.anElectionAndItsLedger();
    try {
      long size = 0;
      System.out.printf(
          Locale.ROOT,
          "%d cores; %d waves of %d ballots per station (2 stations)%n",
          Runtime.getRuntime().availableProcessors(),
          waves,
          perStation);
      for (int w = 1; w <= waves; w++) {
        long s = System.nanoTime();
        t.castAndSync(t.ledger, LedgerFollowTest.S1, perStation);
        t.castAndSync(t.ledger, LedgerFollowTest.S2, perStation);
        size += 2L * perStation;
        LedgerFollowTest.awaitSize(t.ledger, size);
        double cast = (System.nanoTime() - s) / 1e9;
        System.out.printf(Locale.ROOT, "load average: %s%n", loadavg());
        s = System.nanoTime();
        long[] r = LedgerFollowTest.round(t.follow(t.state, t.ledger.urls()));
        double round = (System.nanoTime() - s) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "wave %d: cast and synced in %.1f s; verify-ledger --once %.2f s: checkpoint %d, %d"
                + " new entries, %,.0f entries/s%n",
            w,
            cast,
            round,
            r[0],
            r[1],
            r[1] / round);
      }
      long s = System.nanoTime();
      long[] idle = LedgerFollowTest.round(t.follow(t.state, t.ledger.urls()));
      System.out.printf(
          Locale.ROOT,
          "a round with nothing new (restart from the state folder): %.2f s %s%n",
          (System.nanoTime() - s) / 1e9,
          Arrays.toString(idle));
      System.out.printf(Locale.ROOT, "load average: %s%n", loadavg());
      Path folder = t.dir.resolve("bench-download");
      s = System.nanoTime();
      ElectionEndToEndTest.ok(
          "ledger-download",
          "--ledger",
          t.ledger.urls(),
          "--policy",
          t.policy.toString(),
          "--out",
          folder.toString());
      double download = (System.nanoTime() - s) / 1e9;
      Path totals = t.dir.resolve("bench-tally/encrypted-totals.json");
      s = System.nanoTime();
      ElectionEndToEndTest.ok(
          "tally-ledger",
          "--ledger",
          folder.toString(),
          "--policy",
          t.policy.toString(),
          "--package",
          t.election.resolve("election-package.json").toString(),
          "--trust",
          t.anchor,
          "--out",
          totals.toString(),
          "--threads",
          "2");
      double tally = (System.nanoTime() - s) / 1e9;
      boolean same =
          Arrays.equals(
              Files.readAllBytes(totals),
              Files.readAllBytes(t.state.resolve("encrypted-totals.json")));
      System.out.printf(
          Locale.ROOT,
          "full ledger-download %.2f s + tally-ledger %.2f s = %.2f s (%,.0f entries/s); the"
              + " totals are %s%n",
          download,
          tally,
          download + tally,
          size / (download + tally),
          same ? "byte for byte verify-ledger's" : "NOT verify-ledger's");
      System.out.printf(
          Locale.ROOT,
          "state folder: %,d bytes%n",
          Files.size(t.state.resolve("follow-state.json")));
      if (!same) {
        throw new IllegalStateException("the totals differ");
      }
    } finally {
      t.stop();
    }
  }

  private static String loadavg() throws java.io.IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
