package org.urna.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.witness.AddCheckpointRequest;
import org.urna.ledger.witness.WitnessResponse;

/** A real three-validator network (Ratis over gRPC on loopback, Jetty) in this JVM. */
class ValidatorNetworkTest {
  @TempDir Path dir;
  final Stations stations = new Stations();

  static List<Verdict> submit(ValidatorNode node, List<RecordedBallot> ballots) throws Exception {
    return node.replica().submit(Stations.bytes(ballots)).get(60, TimeUnit.SECONDS);
  }

  static long checkpointSize(ValidatorNode n) {
    return n.machine()
        .state()
        .latestCheckpoint()
        .map(c -> Checkpoint.parse(c.text()).size())
        .orElse(0L);
  }

  @Test
  void twoStationsSubmitAndEveryValidatorPublishesTheSameQuorumCosignedCheckpoint()
      throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 10_000)) {
      ValidatorNode entry = net.nodes[2];
      List<RecordedBallot> s1 = stations.next("s1", 12);
      List<RecordedBallot> s2 = stations.next("s2", 9);
      List<Verdict> v1 = submit(entry, s1);
      List<Verdict> v2 = submit(net.nodes[0], s2);
      assertThat(v1).allMatch(v -> v instanceof Verdict.Accepted a && !a.resubmitted());
      assertThat(v2).allMatch(v -> v instanceof Verdict.Accepted);
      // A resubmission after a lost reply answers with the same places in the log.
      List<Verdict> again = submit(net.nodes[1], s1.subList(3, 5));
      assertThat(again)
          .extracting(v -> ((Verdict.Accepted) v).index())
          .containsExactly(
              ((Verdict.Accepted) v1.get(3)).index(), ((Verdict.Accepted) v1.get(4)).index());
      assertThat(again).allMatch(v -> ((Verdict.Accepted) v).resubmitted());
      // Unknown station, forged signature: rejected with a reason, nothing appended.
      List<RecordedBallot> forged = stations.next("s1", 2, Stations.ELECTION.otherStationKey);
      List<Verdict> bad = submit(entry, forged);
      assertThat(bad)
          .containsExactly(
              new Verdict.Rejected(
                  forged.get(0).ballotId().toHex(), "the station's signature does not verify"),
              new Verdict.Rejected(
                  forged.get(1).ballotId().toHex(),
                  "an earlier ballot of this batch has a signature that does not verify"));
      List<RecordedBallot> stranger = new Stations().next("s9", 1, Stations.ELECTION.stationKey);
      assertThat(submit(entry, stranger).getFirst())
          .isEqualTo(
              new Verdict.Rejected(stranger.getFirst().ballotId().toHex(), "unknown station s9"));
      assertThat(submit(entry, List.of()).isEmpty()).isTrue();

      waitFor(
          () -> java.util.stream.Stream.of(net.nodes).allMatch(n -> checkpointSize(n) == 21),
          "a cosigned checkpoint of 21 on every validator");
      SignedNote cp = net.nodes[0].machine().state().latestCheckpoint().orElseThrow();
      for (ValidatorNode n : net.nodes) {
        assertThat(n.machine().state().log().head())
            .isEqualTo(net.nodes[0].machine().state().log().head());
        assertThat(n.machine().state().latestCheckpoint().orElseThrow()).isEqualTo(cp);
        assertThat(n.machine().state().stationCounts())
            .containsEntry("s1", 12L)
            .containsEntry("s2", 9L);
      }
      assertThat(net.policy.accepts(cp)).isTrue();
      assertThat(net.policy.cosigners(cp)).hasSizeGreaterThanOrEqualTo(2);
      // Full proof verification runs behind ingest and is published per entry.
      waitFor(() -> net.nodes[1].audit().orElseThrow().checked() == 21, "the proof audit");
      assertThat(net.nodes[1].audit().orElseThrow().failed()).isZero();
    }
  }

  @Test
  void aKilledFollowerCatchesUpAfterRestartAndAgainAfterItsDataWasWiped() throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 5)) {
      ValidatorNode leader = net.leader();
      int follower = (net.indexOf(leader) + 1) % 3;
      for (int i = 0; i < 4; i++) {
        submit(leader, stations.next("s1", 5));
      }
      net.stop(follower);
      for (int i = 0; i < 7; i++) {
        submit(leader, stations.next(i % 2 == 0 ? "s1" : "s2", 4));
      }
      net.start(follower);
      long want = leader.machine().state().log().size();
      waitFor(
          () -> net.nodes[follower].machine().state().log().size() == want,
          "the restarted follower to catch up");
      assertThat(net.nodes[follower].machine().state().log().head())
          .isEqualTo(leader.machine().state().log().head());

      net.stop(follower);
      net.wipe(follower);
      for (int i = 0; i < 7; i++) {
        submit(leader, stations.next("s2", 3));
      }
      net.start(follower);
      long want2 = leader.machine().state().log().size();
      waitFor(
          () -> net.nodes[follower].machine().state().log().size() == want2,
          "the wiped follower to catch up");
      assertThat(net.nodes[follower].machine().state().log().head())
          .isEqualTo(leader.machine().state().log().head());
      assertThat(net.nodes[follower].machine().state().stationCounts())
          .isEqualTo(leader.machine().state().stationCounts());
      assertThat(
              java.nio.file.Files.list(dir.resolve(net.peers.get(follower).id()).resolve("raft"))
                  .count())
          .isPositive();
      waitFor(
          () -> checkpointSize(net.nodes[follower]) == want2,
          "the checkpoint on the wiped follower");
    }
  }

  @Test
  void ingestGoesOnWhenTheLeaderIsKilledAndNothingIsLost() throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 10_000)) {
      ValidatorNode leader = net.leader();
      int old = net.indexOf(leader);
      List<RecordedBallot> accepted = new ArrayList<>();
      List<RecordedBallot> first = stations.next("s1", 10);
      submit(net.nodes[(old + 1) % 3], first);
      accepted.addAll(first);
      net.stop(old);
      ValidatorNode survivor = net.nodes[(old + 2) % 3];
      List<RecordedBallot> second = stations.next("s1", 10);
      assertThat(submit(survivor, second)).allMatch(v -> v instanceof Verdict.Accepted);
      accepted.addAll(second);
      waitFor(() -> checkpointSize(survivor) == 20, "a checkpoint cosigned by the two survivors");
      for (RecordedBallot b : accepted) {
        assertThat(survivor.machine().state().indexOfBallot(b.ballotId().toHex())).isPresent();
      }
      net.start(old);
      waitFor(
          () -> net.nodes[old].machine().state().log().size() == 20, "the old leader to catch up");
    }
  }

  @Test
  void honestValidatorsRefuseAForgedOrForkedCheckpoint() throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 10_000)) {
      submit(net.nodes[0], stations.next("s1", 8));
      waitFor(() -> checkpointSize(net.nodes[1]) == 8, "the first checkpoint");
      ValidatorNode honest = net.nodes[1];
      // A validator whose log was tampered with (entry 2 replaced) signs its view with its real log
      // key.
      MerkleLog forked = MerkleLog.open(dir.resolve("forked.log"));
      MerkleLog real = honest.machine().state().log();
      for (long i = 0; i < 10; i++) {
        forked.append(
            List.of(
                i == 2
                    ? "tampered".getBytes(StandardCharsets.UTF_8)
                    : i < 8 ? real.entry(i) : new byte[] {(byte) i}));
      }
      String text = new Checkpoint(TestNetwork.ORIGIN, forked.head()).text();
      SignedNote lie = new SignedNote(text, List.of(SignedNote.sign(net.logKeys.get(0), text)));
      long cosigned = honest.cosigner().latest().orElseThrow().size();
      byte[] body =
          new AddCheckpointRequest(cosigned, forked.consistencyProof(cosigned, 10), lie)
              .format()
              .getBytes(StandardCharsets.UTF_8);
      assertThat(honest.cosigner().addCheckpoint(body))
          .isInstanceOfSatisfying(
              WitnessResponse.Refused.class, r -> assertThat(r.status()).isEqualTo(422));
      // A checkpoint of the honest log's own size but a forged root: refused too.
      String forgedText = new Checkpoint(TestNetwork.ORIGIN, 8, forked.root(8), List.of()).text();
      SignedNote forgedNote =
          new SignedNote(forgedText, List.of(SignedNote.sign(net.logKeys.get(0), forgedText)));
      byte[] body2 =
          new AddCheckpointRequest(cosigned, List.of(), forgedNote)
              .format()
              .getBytes(StandardCharsets.UTF_8);
      assertThat(honest.cosigner().addCheckpoint(body2))
          .isNotInstanceOf(WitnessResponse.Cosigned.class);
      // A forged checkpoint pushed straight into Raft is refused by every state machine.
      assertThat(net.nodes[2].replica().submitCheckpoint(lie.bytes())).startsWith("refused");
      assertThat(
              honest
                  .machine()
                  .state()
                  .latestCheckpoint()
                  .map(n -> Checkpoint.parse(n.text()).size()))
          .hasValue(8L);
      forked.close();
    }
  }
}
