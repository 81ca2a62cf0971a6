package org.urna.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.urna.ballotbox.BallotBox;

/**
 * Harness (not a test): drains a backlog of N cast ballots from one ballot box into a real
 * three-validator network in this JVM, and prints ballots per second until all are submitted and
 * until all are confirmed. Run: {@code java -cp <test class path> org.urna.sync.SyncBenchmark
 * [ballots] [batch size]}.
 */
public final class SyncBenchmark {
  private SyncBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    Path dir = Files.createTempDirectory("sync-bench");
    try (LedgerNetwork network = new LedgerNetwork(dir.resolve("ledger"), 3);
        BallotBox box = Boxes.open(dir, "s1")) {
      long t0 = System.nanoTime();
      Boxes.cast(box, n, new Random(1));
      System.out.printf(
          "cast %d referendum ballots in %.1f s (setup, not timed below)%n",
          n, (System.nanoTime() - t0) / 1e9);
      SyncConfig config =
          SyncConfig.builder()
              .endpoints(network.endpoints())
              .policy(network.trust())
              .stateDirectory(dir.resolve("sync"))
              .batchSize(batch)
              .confirmInterval(Duration.ofMillis(100))
              .build();
      try (SyncService sync = SyncService.open(box, config)) {
        long start = System.nanoTime();
        long[] submittedAt = {0};
        sync.addListener(
            s -> {
              if (submittedAt[0] == 0 && s.pending() == 0) {
                submittedAt[0] = System.nanoTime();
              }
            });
        sync.start();
        LedgerNetwork.waitFor(() -> sync.status().allConfirmed(), "all confirmed");
        long end = System.nanoTime();
        double submit = (submittedAt[0] - start) / 1e9;
        double confirm = (end - start) / 1e9;
        System.out.printf(
            "batch %d: all %d submitted after %.2f s (%.0f ballots/s), all confirmed after %.2f s"
                + " (%.0f ballots/s); tree size %d%n",
            batch, n, submit, n / submit, confirm, n / confirm, network.treeSize());
      }
    }
  }
}
