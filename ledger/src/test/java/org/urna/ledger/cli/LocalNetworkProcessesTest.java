package org.urna.ledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.client.LedgerClient;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.replication.Stations;
import org.urna.ledger.replication.Verdict;
import org.urna.ledger.witness.WitnessPolicy;

/** Three validators as three separate JVM processes, started by the local-network command. */
class LocalNetworkProcessesTest {
  @TempDir Path dir;

  @Test
  void threeProcessesAgreeOnACosignedCheckpointAndSurviveOneBeingKilled() throws Exception {
    try (LocalNetwork.Running net =
        LocalNetwork.launch(dir, Stations.rules(), 3, "ledger.urna.local/test", "256m")) {
      LedgerClient c1 = new LedgerClient(URI.create(net.urls().get(0)));
      LedgerClient c3 = new LedgerClient(URI.create(net.urls().get(2)));
      Stations stations = new Stations();
      List<RecordedBallot> first = stations.next("s1", 5);
      waitFor(
          () -> {
            try {
              return c1.submit(Stations.bytes(first)).stream()
                  .allMatch(v -> v instanceof Verdict.Accepted);
            } catch (Exception e) {
              return false;
            }
          },
          "the processes to form a group and accept a batch");
      net.processes().get(1).destroyForcibly().waitFor();
      List<RecordedBallot> second = stations.next("s2", 4);
      assertThat(c3.submit(Stations.bytes(second))).allMatch(v -> v instanceof Verdict.Accepted);
      WitnessPolicy policy = WitnessPolicy.parse(Files.readAllBytes(dir.resolve("network.policy")));
      waitFor(
          () -> {
            try {
              return c1.checkpoint()
                  .map(n -> policy.accepts(n) && Checkpoint.parse(n.text()).size() == 9)
                  .orElse(false);
            } catch (Exception e) {
              return false;
            }
          },
          "a checkpoint of 9 cosigned by the two live processes");
      assertThat(new String(c3.checkpoint().orElseThrow().bytes(), StandardCharsets.UTF_8))
          .isEqualTo(new String(c1.checkpoint().orElseThrow().bytes(), StandardCharsets.UTF_8));
    }
  }
}
