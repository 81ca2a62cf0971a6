package org.urna.ledger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import java.net.URI;
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
      // The validator that took the batch may still be collecting its cosignatures when the first
      // one already serves them: wait for it too, then both must state the same tree.
      waitFor(() -> checkpointOf(c3, policy, 9), "the same checkpoint of 9 on the third process");
      assertThat(c3.checkpoint().orElseThrow().text())
          .isEqualTo(c1.checkpoint().orElseThrow().text());
    }
  }

  static boolean checkpointOf(LedgerClient c, WitnessPolicy policy, long size) {
    try {
      return c.checkpoint()
          .map(n -> policy.accepts(n) && Checkpoint.parse(n.text()).size() == size)
          .orElse(false);
    } catch (Exception e) {
      return false;
    }
  }

  static boolean accepted(LedgerClient c, List<RecordedBallot> batch) {
    try {
      return c.submit(Stations.bytes(batch)).stream().allMatch(v -> v instanceof Verdict.Accepted);
    } catch (Exception e) {
      return false;
    }
  }

  /** The steps: rm -rf of a validator's folder, restart, then another validator killed. */
  @Test
  void aProcessWhoseFolderWasDeletedComesBackAndKeepsTheNetworkGoing() throws Exception {
    try (LocalNetwork.Running net =
        LocalNetwork.launch(dir, Stations.rules(), 3, "ledger.urna.local/test", "256m")) {
      List<LedgerClient> c = net.urls().stream().map(u -> new LedgerClient(URI.create(u))).toList();
      WitnessPolicy policy = WitnessPolicy.parse(Files.readAllBytes(dir.resolve("network.policy")));
      Stations stations = new Stations();
      List<RecordedBallot> first = stations.next("s1", 5);
      waitFor(() -> accepted(c.get(0), first), "the processes to form a group and accept a batch");
      for (int i = 0; i < 3; i++) {
        LedgerClient ci = c.get(i);
        waitFor(() -> checkpointOf(ci, policy, 5), "checkpoint 5 on every validator");
      }
      net.kill(1);
      net.wipe(1);
      assertThat(dir.resolve("v2")).doesNotExist();
      net.restart(1);
      waitFor(() -> checkpointOf(c.get(1), policy, 5), "the wiped validator to catch up");
      List<RecordedBallot> second = stations.next("s2", 4);
      waitFor(() -> accepted(c.get(2), second), "a batch after the wiped validator came back");
      waitFor(() -> checkpointOf(c.get(1), policy, 9), "checkpoint 9 on the wiped validator");
      // Another validator killed: the wiped one and the third carry on (and cosign).
      net.kill(0);
      List<RecordedBallot> third = stations.next("s1", 3);
      waitFor(() -> accepted(c.get(2), third), "a batch with v1 killed");
      waitFor(() -> checkpointOf(c.get(1), policy, 12), "checkpoint 12 cosigned by v2 and v3");
      assertThat(Files.readString(dir.resolve("v2.out"))).contains("rejoins the group");
    }
  }
}
