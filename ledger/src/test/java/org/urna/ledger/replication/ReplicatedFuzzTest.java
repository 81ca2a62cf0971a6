package org.urna.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.merkle.ProofVerifier;
import org.urna.ledger.merkle.Rfc6962;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.SignedNote;

/**
 * Hostile entries pushed through Raft itself, as a faulty leader or a hole in the HTTP checks would
 * let them in, on a real three-validator group: no entry may stop a state machine, on first
 * application or on replay after a restart, and valid ballots must still reach a quorum-cosigned
 * inclusion afterwards.
 */
class ReplicatedFuzzTest {
  @TempDir Path dir;
  final Stations stations = new Stations();

  /** A recorded ballot whose station id is 12,000 emoji: verdict text over writeUTF's limit. */
  static byte[] emojiStationBallot() {
    String station = "\uD83D\uDDF3".repeat(12_000);
    return new Stations().next(station, 1, Stations.ELECTION.stationKey).getFirst().toBytes();
  }

  static byte[] mutate(byte[] valid, Random rnd) {
    byte[] b = valid.clone();
    switch (rnd.nextInt(4)) {
      case 0 -> {
        for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
          b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
        }
      }
      case 1 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
      case 2 -> {
        b = java.util.Arrays.copyOf(b, b.length + 1 + rnd.nextInt(40));
        b[b.length - 1] = (byte) rnd.nextInt();
      }
      default -> {
        // a length or count field near the start set to an extreme
        int at = rnd.nextInt(Math.min(120, b.length - 2));
        b[at] = (byte) 0xFF;
        b[at + 1] = (byte) 0xFF;
      }
    }
    return b;
  }

  /** Some framed batches and some raw commands, seeded. */
  static List<byte[]> hostileCommands(long seed, int count, List<byte[]> valid) {
    Random rnd = new Random(seed);
    List<byte[]> out = new ArrayList<>();
    byte[] poison = emojiStationBallot();
    out.add(submitCommand(List.of(poison)));
    for (int i = 0; i < count; i++) {
      byte[] command =
          switch (rnd.nextInt(8)) {
            case 0 -> {
              byte[] junk = new byte[rnd.nextInt(300)];
              rnd.nextBytes(junk);
              yield submitCommand(List.of(junk));
            }
            case 1 -> {
              List<byte[]> ballots = new ArrayList<>();
              for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                ballots.add(mutate(valid.get(rnd.nextInt(valid.size())), rnd));
              }
              yield submitCommand(ballots);
            }
            case 2 -> {
              // the framing lies: counts and lengths that do not match the bytes
              ByteBuffer b = ByteBuffer.allocate(1 + 12 + rnd.nextInt(64));
              b.put(Commands.SUBMIT).putInt(rnd.nextInt()).putInt(rnd.nextInt());
              yield b.array();
            }
            case 3 -> {
              byte[] raw = new byte[rnd.nextInt(200)];
              rnd.nextBytes(raw);
              yield raw;
            }
            case 4 -> {
              String junk = "x\n" + rnd.nextLong() + "\n\n\u2014 k " + "A".repeat(rnd.nextInt(90));
              yield Commands.checkpoint(junk.getBytes(StandardCharsets.UTF_8));
            }
            case 5 -> {
              // a signed batch of genuine or mutated ballots under a signature nobody made
              List<byte[]> ballots = new ArrayList<>();
              for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                byte[] b = valid.get(rnd.nextInt(valid.size()));
                ballots.add(rnd.nextBoolean() ? b : mutate(b, rnd));
              }
              byte[] sig = new byte[Commands.SIGNATURE_BYTES];
              rnd.nextBytes(sig);
              byte[] body = Commands.signedBatch(sig, ballots);
              byte[] signed = new byte[body.length + 1];
              signed[0] = Commands.SUBMIT_SIGNED;
              System.arraycopy(body, 0, signed, 1, body.length);
              yield signed;
            }
            case 6 -> {
              // a signed entry cut anywhere, or with lying counts
              ByteBuffer b = ByteBuffer.allocate(1 + rnd.nextInt(80));
              b.put(Commands.SUBMIT_SIGNED);
              while (b.hasRemaining()) {
                b.put((byte) rnd.nextInt());
              }
              yield b.array();
            }
            default -> submitCommand(List.of(poison, mutate(poison, rnd)));
          };
      out.add(command);
    }
    return out;
  }

  static byte[] submitCommand(List<byte[]> ballots) {
    byte[] batch = Commands.batch(ballots);
    byte[] out = new byte[batch.length + 1];
    out[0] = Commands.SUBMIT;
    System.arraycopy(batch, 0, out, 1, batch.length);
    return out;
  }

  static long checkpointSize(ValidatorNode n) {
    return n.machine()
        .state()
        .latestCheckpoint()
        .map(c -> Checkpoint.parse(c.text()).size())
        .orElse(0L);
  }

  static void assertIncludedUnderACosignedCheckpoint(
      TestNetwork net, List<RecordedBallot> ballots, long size) throws Exception {
    waitFor(
        () -> Stream.of(net.nodes).allMatch(n -> checkpointSize(n) >= size),
        "a quorum-cosigned checkpoint of " + size + " on every validator");
    for (ValidatorNode n : net.nodes) {
      assertThat(n.machine().stoppedBecause()).isEmpty();
      SignedNote cp = n.machine().state().latestCheckpoint().orElseThrow();
      assertThat(net.policy.accepts(cp)).isTrue();
      Checkpoint c = Checkpoint.parse(cp.text());
      for (RecordedBallot b : ballots) {
        long i = n.machine().state().indexOfBallot(b.ballotId().toHex()).orElseThrow();
        byte[] leaf = n.machine().state().log().entry(i);
        assertThat(LedgerLeaf.recordedBytes(leaf)).isEqualTo(b.toBytes());
        assertThat(
                ProofVerifier.verifyInclusion(
                    Rfc6962.leafHash(leaf),
                    i,
                    c.size(),
                    n.machine().state().log().inclusionProof(i, c.size()),
                    c.root()))
            .isTrue();
      }
    }
  }

  @Test
  void hostileEntriesThroughRaftStopNoStateMachineNowOrOnReplay() throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 10_000)) {
      List<RecordedBallot> first = stations.next("s1", 4);
      List<byte[]> valid = Stations.bytes(first);
      ValidatorNode entry = net.leader();
      for (byte[] command : hostileCommands(20261202L, 120, valid)) {
        byte[] reply = entry.replica().submitRaw(command).get(60, TimeUnit.SECONDS);
        if (command.length > 0
            && (command[0] == Commands.SUBMIT || command[0] == Commands.SUBMIT_SIGNED)) {
          // every SUBMIT answer is a list of bounded verdicts, none of them an acceptance
          assertThat(Commands.readVerdicts(reply)).noneMatch(v -> v instanceof Verdict.Accepted);
        }
      }
      for (ValidatorNode n : net.nodes) {
        assertThat(n.machine().stoppedBecause()).as(n.config().id()).isEmpty();
        assertThat(n.machine().state().log().size()).isZero();
      }
      assertThat(entry.replica().submit(valid).get(60, TimeUnit.SECONDS))
          .allMatch(v -> v instanceof Verdict.Accepted);
      assertIncludedUnderACosignedCheckpoint(net, first, 4);

      // Every validator restarts and replays the whole Raft log (no snapshot yet).
      for (int i = 0; i < 3; i++) {
        net.stop(i);
      }
      for (int i = 0; i < 3; i++) {
        net.start(i);
      }
      waitFor(
          () -> Stream.of(net.nodes).allMatch(n -> n.machine().state().log().size() == 4),
          "every validator to replay its log");
      List<RecordedBallot> second = stations.next("s1", 3);
      assertThat(net.leader().replica().submit(Stations.bytes(second)).get(60, TimeUnit.SECONDS))
          .allMatch(v -> v instanceof Verdict.Accepted);
      assertIncludedUnderACosignedCheckpoint(net, second, 7);
      for (ValidatorNode n : net.nodes) {
        assertThat(n.replica().status().alive()).isTrue();
        assertThat(n.machine().lastAppliedIndex()).isPositive();
      }
    }
  }
}
