package org.urna.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ledger.cli.LocalNetwork;
import org.urna.ledger.replication.ElectionRules;
import org.urna.tlog.TrustPolicy;

/** Three validators as three separate JVM processes (the ledger's local-network command). */
class SyncProcessesTest {
  @TempDir Path dir;

  @Test
  void aKioskConfirmsEveryBallotAndFailsOverWhenTheValidatorItUsesIsKilled() throws Exception {
    try (LocalNetwork.Running net =
            LocalNetwork.launch(
                dir.resolve("net"),
                ElectionRules.of(Boxes.ELECTION.manifest, Boxes.ELECTION.key),
                3,
                "ledger.urna.local/test-2026",
                "256m");
        BallotBox box = Boxes.open(dir, "s1")) {
      SyncConfig.Builder b =
          SyncConfig.builder()
              .policy(TrustPolicy.parse(Files.readAllBytes(dir.resolve("net/network.policy"))))
              .stateDirectory(dir.resolve("sync"))
              .batchSize(10)
              .connectTimeout(Duration.ofSeconds(2))
              .requestTimeout(Duration.ofSeconds(10))
              .pollInterval(Duration.ofMillis(300))
              .backoff(Duration.ofMillis(200), Duration.ofSeconds(3));
      net.urls().forEach(u -> b.endpoint(URI.create(u)));
      Boxes.cast(box, 20, new Random(1));
      try (SyncService sync = SyncService.open(box, b.build())) {
        sync.start();
        LedgerNetwork.waitFor(() -> sync.status().allConfirmed(), "the first 20 confirmed");
        long size = sync.status().lastCheckpoint().orElseThrow().size();
        assertThat(size).isEqualTo(20);
        net.processes().getFirst().destroyForcibly().waitFor();
        Boxes.cast(box, 10, new Random(2));
        sync.wake();
        LedgerNetwork.waitFor(
            () -> sync.status().allConfirmed() && box.outboxCounts().confirmed() == 30,
            "30 confirmed through the two live validators");
        assertThat(sync.status().lastCheckpoint().orElseThrow().size()).isEqualTo(30);
        assertThat(sync.status().alarm()).isEmpty();
      }
    }
  }
}
