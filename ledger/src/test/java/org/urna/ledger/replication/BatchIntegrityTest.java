package org.urna.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.BatchStatement;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.client.LedgerClient;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.Checkpoint;

/**
 * No byte a station did not sign enters the log (decision 0208), on a real three-validator group: a
 * changed byte anywhere in a signed batch refuses all of it, over HTTP and straight through Raft (a
 * hostile leader); an unsigned batch has every ballot's own signature checked; the genuine batch is
 * taken afterwards and a replay doubles nothing.
 */
class BatchIntegrityTest {
  @TempDir Path dir;
  final Stations stations = new Stations();
  static final byte[] Q = Stations.ELECTION.key.extendedHash();

  /** The classes of bytes of a recorded ballot a relay or leader could change. */
  enum Part {
    SIGNATURE,
    BALLOT_ID,
    BODY_DEEP,
    STATE,
    REVEAL,
    PREVIOUS
  }

  static byte[] flip(byte[] recorded, Part part) {
    byte[] b = recorded.clone();
    int bodyLength = ByteBuffer.wrap(b, 1, 4).getInt();
    int at =
        switch (part) {
          case SIGNATURE -> b.length - 1 - 17;
          case BALLOT_ID -> 5 + 1 + 32 + 3; // version, length; body: version, election hash, id
          case BODY_DEEP -> 5 + bodyLength / 2 + 1;
          case STATE -> 5 + bodyLength;
          case REVEAL -> 5 + bodyLength + 1 + 7; // a byte of the revealed nonce seed
          case PREVIOUS -> b.length - 64 - 5;
        };
    b[at] ^= 0x20;
    return b;
  }

  static byte[] sign(String station, List<byte[]> ballots) {
    return BatchStatement.sign(Stations.keyOf(station), Q, station, ballots).toBytes();
  }

  static LedgerClient client(TestNetwork net, int i) {
    return new LedgerClient(URI.create(net.peers.get(i).httpUrl()));
  }

  static void sameSizeEverywhere(TestNetwork net, long size) {
    waitFor(
        () -> Stream.of(net.nodes).allMatch(n -> n.machine().state().log().size() == size),
        "a log of " + size + " on every validator");
  }

  /** Refused whole over HTTP: 400 before replication, or every ballot rejected by the group. */
  static void refusedOverHttp(LedgerClient client, List<byte[]> ballots, byte[] sig)
      throws Exception {
    try {
      List<Verdict> v = client.submitSigned(ballots, sig);
      assertThat(v).hasSize(ballots.size()).allMatch(x -> x instanceof Verdict.Rejected);
    } catch (LedgerClient.LedgerException e) {
      assertThat(e.status()).isEqualTo(400);
    }
  }

  @Test
  void aChangedByteAnywhereInASignedBatchRefusesAllOfItAndTheGenuineBatchIsTakenAfterwards()
      throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 10_000)) {
      // 40 ballots of s1, every fifth challenged (with its reveal); signed once as a batch
      List<RecordedBallot> chain = stations.next("s1", 40, Stations.keyOf("s1"), 5);
      assertThat(chain.get(9).state()).isEqualTo(BallotState.CHALLENGED);
      List<byte[]> genuine = Stations.bytes(chain);
      byte[] sig = sign("s1", genuine);
      LedgerClient relay = client(net, 1);

      for (Part part : Part.values()) {
        // a non-head ballot; the reveal only exists on a challenged one
        int target = part == Part.REVEAL ? 9 : 17;
        List<byte[]> tampered = new ArrayList<>(genuine);
        tampered.set(target, flip(genuine.get(target), part));
        refusedOverHttp(relay, tampered, sig);
        List<Verdict> raw =
            net.nodes[2]
                .replica()
                .submitSignedBatch(Commands.signedBatch(sig, tampered))
                .get(60, TimeUnit.SECONDS);
        assertThat(raw)
            .as("%s changed, replicated straight through Raft", part)
            .hasSize(40)
            .allMatch(v -> v instanceof Verdict.Rejected);
      }
      // the head's signature too, and a batch cut short, reordered, or signed by another station
      List<byte[]> badHead = new ArrayList<>(genuine);
      badHead.set(39, flip(genuine.get(39), Part.SIGNATURE));
      refusedOverHttp(relay, badHead, sig);
      refusedOverHttp(relay, genuine.subList(0, 39), sig);
      List<byte[]> swapped = new ArrayList<>(genuine);
      swapped.set(3, genuine.get(4));
      swapped.set(4, genuine.get(3));
      refusedOverHttp(relay, swapped, sig);
      refusedOverHttp(relay, genuine, sign("s2", genuine));
      byte[] flippedSig = sig.clone();
      flippedSig[5] ^= 1;
      refusedOverHttp(relay, genuine, flippedSig);
      Thread.sleep(300);
      sameSizeEverywhere(net, 0);

      // the genuine batch, sent afterwards, is taken whole: no ballot id was squatted
      List<Verdict> taken = client(net, 0).submitSigned(genuine, sig);
      for (int i = 0; i < 40; i++) {
        assertThat(taken.get(i))
            .isEqualTo(
                new Verdict.Accepted(
                    chain.get(i).ballotId().toHex(), "s1", i, chain.get(i).code().toHex(), false));
      }
      // replayed, signed or not, through any validator: nothing doubled
      assertThat(client(net, 2).submitSigned(genuine, sig))
          .allMatch(v -> v instanceof Verdict.Accepted a && a.resubmitted());
      assertThat(client(net, 1).submit(genuine))
          .allMatch(v -> v instanceof Verdict.Accepted a && a.resubmitted());
      sameSizeEverywhere(net, 40);
      for (ValidatorNode n : net.nodes) {
        assertThat(n.machine().state().stationCounts())
            .containsExactly(java.util.Map.entry("s1", 40L));
        for (int i = 0; i < 40; i++) {
          assertThat(LedgerLeaf.recordedBytes(n.machine().state().leaf(i)))
              .isEqualTo(genuine.get(i));
        }
      }
      waitFor(
          () ->
              Stream.of(net.nodes)
                  .allMatch(
                      n ->
                          n.machine()
                                  .state()
                                  .latestCheckpoint()
                                  .map(c -> Checkpoint.parse(c.text()).size())
                                  .orElse(0L)
                              == 40),
          "a cosigned checkpoint of 40 everywhere");
      // the proof audit (every ballot decoded, its own signature and proofs verified) agrees
      waitFor(() -> net.nodes[0].audit().orElseThrow().checked() == 40, "the proof audit");
      assertThat(net.nodes[0].audit().orElseThrow().failed()).isZero();
    }
  }

  @Test
  void anUnsignedBatchWithABrokenSignatureOnANonHeadBallotTakesOnlyWhatTheStationSigned()
      throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 10_000)) {
      List<RecordedBallot> chain = stations.next("s1", 100);
      List<byte[]> genuine = Stations.bytes(chain);
      List<byte[]> tampered = new ArrayList<>(genuine);
      tampered.set(50, flip(genuine.get(50), Part.SIGNATURE));

      List<Verdict> v = client(net, 1).submit(tampered);
      for (int i = 0; i < 50; i++) {
        assertThat(v.get(i)).isInstanceOf(Verdict.Accepted.class);
      }
      assertThat(v.get(50))
          .isEqualTo(
              new Verdict.Rejected(
                  chain.get(50).ballotId().toHex(), "the station's signature does not verify"));
      assertThat(v.subList(51, 100)).allMatch(x -> x instanceof Verdict.Rejected);
      sameSizeEverywhere(net, 50);
      for (ValidatorNode n : net.nodes) {
        assertThat(n.machine().state().indexOfBallot(chain.get(50).ballotId().toHex())).isEmpty();
      }

      // the genuine batch afterwards: the first 50 answered as resubmitted, the rest taken
      List<Verdict> again = client(net, 2).submit(genuine);
      for (int i = 0; i < 100; i++) {
        assertThat(again.get(i))
            .isEqualTo(
                new Verdict.Accepted(
                    chain.get(i).ballotId().toHex(), "s1", i, chain.get(i).code().toHex(), i < 50));
      }
      sameSizeEverywhere(net, 100);
      for (ValidatorNode n : net.nodes) {
        for (int i = 0; i < 100; i++) {
          assertThat(LedgerLeaf.recordedBytes(n.machine().state().leaf(i)))
              .isEqualTo(genuine.get(i));
        }
      }
    }
  }
}
