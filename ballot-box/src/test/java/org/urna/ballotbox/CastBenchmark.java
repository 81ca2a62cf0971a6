package org.urna.ballotbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.function.LongSupplier;
import org.urna.ballotbox.BoxFile.Durability;

/**
 * Harness (not a test): how long a durable cast takes. Ballots are encrypted beforehand; what is
 * timed is {@code storePending} and {@code cast} each, per durability setting, then opening and
 * closing a box of that size. Run: {@code java -cp <test class path>
 * org.urna.ballotbox.CastBenchmark [ballots] [style]}.
 */
public final class CastBenchmark {
  private CastBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    String style = args.length > 1 ? args[1] : "four-by-five";
    Random random = new Random(1);
    TestBox.Made[] made = new TestBox.Made[n];
    for (int i = 0; i < n; i++) {
      made[i] = TestBox.ballot(style, random);
    }
    System.out.printf(
        "%d %s ballots of %d bytes encrypted beforehand%n",
        n, style, made[0].ballot().toBytes().length);
    for (Durability d :
        new Durability[] {
          Durability.FSYNC, Durability.WRITE, Durability.DELAYED, Durability.FSYNC
        }) {
      Path dir = Files.createTempDirectory("cast-bench");
      Path path = dir.resolve("box");
      long[] store = new long[n];
      long[] cast = new long[n];
      try (BallotBox box =
          BallotBox.open(
              path,
              TestBox.PASSWORD.toCharArray(),
              TestBox.ELECTION.manifest,
              TestBox.ELECTION.key,
              "s1",
              TestBox.ELECTION.stationKey,
              TestBox.CLOCK,
              d)) {
        for (int i = 0; i < n; i++) {
          TestBox.Made m = made[i];
          store[i] =
              time(
                  () -> {
                    box.storePending(m.ballot(), m.seed());
                    return 0;
                  });
          cast[i] = time(() -> box.cast(m.id(), TestBox.ELECTION.stationKey).ballot().epochHour());
        }
      }
      long closeNs = 0;
      long openNs = System.nanoTime();
      BallotBox again =
          BallotBox.open(
              path,
              TestBox.PASSWORD.toCharArray(),
              TestBox.ELECTION.manifest,
              TestBox.ELECTION.key,
              "s1",
              TestBox.ELECTION.stationKey,
              TestBox.CLOCK,
              d);
      openNs = System.nanoTime() - openNs;
      closeNs = System.nanoTime();
      again.close();
      closeNs = System.nanoTime() - closeNs;
      System.out.printf(
          "%-8s storePending p50 %.2f p99 %.2f ms | cast p50 %.2f p90 %.2f p99 %.2f max %.2f ms | open %d ballots %.0f ms, close+compact %.0f ms, file %d KB%n",
          d,
          pct(store, 50),
          pct(store, 99),
          pct(cast, 50),
          pct(cast, 90),
          pct(cast, 99),
          pct(cast, 100),
          n,
          openNs / 1e6,
          closeNs / 1e6,
          Files.size(BoxFile.dataFile(path)) / 1024);
      for (Path p : Files.list(dir).toList()) {
        Files.delete(p);
      }
      Files.delete(dir);
    }
  }

  private static long time(LongSupplier work) {
    long t = System.nanoTime();
    work.getAsLong();
    return System.nanoTime() - t;
  }

  private static double pct(long[] ns, int p) {
    long[] s = ns.clone();
    Arrays.sort(s);
    int i = Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1);
    return s[Math.max(0, i)] / 1e6;
  }
}
