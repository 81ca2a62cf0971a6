package org.urna.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.witness.AddCheckpointRequest;
import org.urna.ledger.witness.WitnessResponse;

/**
 * A validator whose folder was deleted comes back, at several log sizes: the same leader stays up
 * while it catches up, then that leader is killed and the wiped node and the third elect a new one.
 * Its witness memory comes back from the replicated checkpoints before it cosigns anything.
 */
class WipedValidatorTest {
  @TempDir Path dir;
  final Stations stations = new Stations();

  static List<Verdict> submit(ValidatorNode node, List<RecordedBallot> ballots) throws Exception {
    return node.replica().submit(Stations.bytes(ballots)).get(60, TimeUnit.SECONDS);
  }

  /** Waits up to {@code millis} (generous for a loaded machine; a bound, not a speed claim). */
  static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(100);
    }
    return condition.getAsBoolean();
  }

  static long size(ValidatorNode n) {
    return n.machine().state().log().size();
  }

  static long checkpointSize(ValidatorNode n) {
    return n.machine()
        .state()
        .latestCheckpoint()
        .map(c -> Checkpoint.parse(c.text()).size())
        .orElse(0L);
  }

  static ValidatorNode leaderAmong(TestNetwork net) {
    return Stream.of(net.nodes)
        .filter(n -> n != null && n.replica().isLeader())
        .findFirst()
        .orElse(null);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void wipedBeforeTheFirstSnapshot() throws Exception {
    wipeAndBringBack(10_000, 4, false);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void wipedAfterSnapshotsWithTheRaftLogPurged() throws Exception {
    wipeAndBringBack(5, 14, true);
  }

  private void wipeAndBringBack(long snapshotEvery, int batches, boolean purged) throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, snapshotEvery)) {
      ValidatorNode leader = net.leader();
      int f = (net.indexOf(leader) + 1) % 3;
      int other = (net.indexOf(leader) + 2) % 3;
      for (int i = 0; i < batches; i++) {
        submit(leader, stations.next(i % 2 == 0 ? "s1" : "s2", 5));
      }
      long before = size(leader);
      assertThat(within(60_000, () -> size(net.nodes[f]) == before)).isTrue();
      assertThat(within(60_000, () -> checkpointSize(net.nodes[f]) == before)).isTrue();
      if (purged) {
        assertThat(within(60_000, () -> leader.replica().raftLogStartIndex() > 0))
            .as("the leader purged its Raft log up to a snapshot")
            .isTrue();
      }
      net.stop(f);
      net.wipe(f);
      net.start(f);
      ValidatorNode wiped = net.nodes[f];
      // The same leader stays up, nothing more is submitted: only heartbeats reach the wiped node.
      assertThat(within(90_000, () -> size(wiped) == before))
          .as("the wiped validator catches up while the same leader stays up")
          .isTrue();
      assertThat(leader.replica().isLeader()).isTrue();
      assertThat(wiped.replica().rejoined()).isTrue();
      assertThat(wiped.machine().state().log().head())
          .isEqualTo(leader.machine().state().log().head());
      assertThat(wiped.machine().state().stationCounts())
          .isEqualTo(leader.machine().state().stationCounts());
      assertThat(within(60_000, () -> checkpointSize(wiped) == before)).isTrue();
      if (purged) {
        assertThat(wiped.machine().restoresFromSnapshot())
            .as("installed from the leader's snapshot")
            .isPositive();
      }
      assertThat(within(60_000, () -> wiped.replica().catchingUp().isEmpty())).isTrue();
      submit(leader, stations.next("s1", 5));
      assertThat(within(60_000, () -> size(wiped) == before + 5)).isTrue();

      // Kill the leader: the wiped node and the third elect a leader within a bound.
      int old = net.indexOf(leader);
      net.stop(old);
      assertThat(within(60_000, () -> leaderAmong(net) != null))
          .as("a new leader among the wiped validator and the third")
          .isTrue();
      ValidatorNode next = leaderAmong(net);
      assertThat(submit(next, stations.next("s2", 5))).allMatch(v -> v instanceof Verdict.Accepted);
      long after = before + 10;
      assertThat(within(60_000, () -> size(wiped) == after && size(net.nodes[other]) == after))
          .isTrue();
      assertThat(wiped.machine().state().log().head())
          .isEqualTo(net.nodes[other].machine().state().log().head());
      // The two survivors cosign: the wiped node's witness took part.
      assertThat(
              within(
                  60_000,
                  () ->
                      checkpointSize(wiped) == after && checkpointSize(net.nodes[other]) == after))
          .isTrue();
      SignedNote last = wiped.machine().state().latestCheckpoint().orElseThrow();
      assertThat(net.policy.cosigners(last)).contains(net.cosignerKeys.get(f).name());
      net.start(old);
      assertThat(within(90_000, () -> size(net.nodes[old]) == after)).isTrue();
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aWipedValidatorCosignsNothingUntilItKnowsTheAgreedCheckpointAndNothingBelowIt()
      throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 10_000)) {
      ValidatorNode leader = net.leader();
      int l = net.indexOf(leader);
      int f = (l + 1) % 3;
      int other = (l + 2) % 3;
      SignedNote first = null;
      for (int i = 1; i <= 4; i++) {
        submit(leader, stations.next("s1", 5));
        long want = 5L * i;
        assertThat(
                within(60_000, () -> Stream.of(net.nodes).allMatch(n -> checkpointSize(n) == want)))
            .isTrue();
        if (first == null) {
          first = leader.machine().state().latestCheckpoint().orElseThrow();
        }
      }
      // The quorum may have been met without f; wait for f's own witness to reach 20 too.
      ValidatorNode fn = net.nodes[f];
      assertThat(
              within(60_000, () -> fn.cosigner().latest().map(c -> c.size() == 20).orElse(false)))
          .isTrue();
      // The stale checkpoint 5, signed by the log key, asked with "old 0" as of a fresh witness.
      String staleText =
          new Checkpoint(TestNetwork.ORIGIN, 5, leader.machine().state().log().root(5), List.of())
              .text();
      SignedNote stale =
          new SignedNote(staleText, List.of(SignedNote.sign(net.logKeys.get(l), staleText)));
      byte[] oldZero =
          new AddCheckpointRequest(0, List.of(), stale).format().getBytes(StandardCharsets.UTF_8);

      // Wipe f while the third is down: its peers cannot remove it yet, so it cannot catch up.
      net.stop(other);
      net.stop(f);
      net.wipe(f);
      net.start(f);
      ValidatorNode wiped = net.nodes[f];
      assertThat(wiped.cosigner().addCheckpoint(oldZero))
          .isInstanceOfSatisfying(
              WitnessResponse.Refused.class,
              r -> {
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.reason()).contains("no witness state").contains("rejoining");
              });
      HttpResponse<String> http =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + wiped.httpPort() + "/add-checkpoint"))
                      .POST(HttpRequest.BodyPublishers.ofByteArray(oldZero))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(http.statusCode()).isEqualTo(503);
      assertThat(http.body()).contains("has not yet learned the latest quorum-cosigned checkpoint");

      // The third comes back: the wiped node rejoins, catches up and learns checkpoint 20.
      net.start(other);
      assertThat(within(90_000, () -> wiped.cosigner().notReadyBecause().isEmpty())).isTrue();
      assertThat(size(wiped)).isGreaterThanOrEqualTo(20);
      assertThat(wiped.cosigner().addCheckpoint(oldZero))
          .isEqualTo(new WitnessResponse.Conflict(20));
      byte[] below =
          new AddCheckpointRequest(20, List.of(), stale).format().getBytes(StandardCharsets.UTF_8);
      assertThat(wiped.cosigner().addCheckpoint(below))
          .isNotInstanceOf(WitnessResponse.Cosigned.class);
      // The first checkpoint itself, quorum-cosigned back then, is not cosigned again either.
      byte[] replay =
          new AddCheckpointRequest(0, List.of(), first).format().getBytes(StandardCharsets.UTF_8);
      assertThat(wiped.cosigner().addCheckpoint(replay))
          .isEqualTo(new WitnessResponse.Conflict(20));

      // Newer checkpoints: it cosigns them.
      ValidatorNode now = net.leader();
      submit(now, stations.next("s2", 5));
      assertThat(within(60_000, () -> checkpointSize(wiped) == 25)).isTrue();
      SignedNote cp25 = wiped.machine().state().latestCheckpoint().orElseThrow();
      assertThat(net.policy.cosigners(cp25)).contains(net.cosignerKeys.get(f).name());
      assertThat(
              within(
                  60_000, () -> wiped.cosigner().latest().map(c -> c.size() == 25).orElse(false)))
          .isTrue();
      MerkleLog log = wiped.machine().state().log();
      assertThat(log.root(25)).isEqualTo(Checkpoint.parse(cp25.text()).root());
    }
  }
}
