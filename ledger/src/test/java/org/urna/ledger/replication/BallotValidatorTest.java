package org.urna.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotFormatException;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.ChallengeReveal;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TestElection;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.election.VotingWindow;
import org.urna.ledger.merkle.MerkleLog;

/** The ingest rules on one validator's state, without a network. */
class BallotValidatorTest {
  @TempDir Path dir;
  final Stations stations = new Stations();

  /** Offset of the first selection's alpha point in a recorded referendum ballot. */
  static int alphaOffset(RecordedBallot b) {
    byte[] bytes = b.toBytes();
    // recorded: version(1) bodyLength(4); body: version(1) hash(32) id(16) station, style, hour(8),
    // contests(2), contestId, limit(2), selections(2), selectionId, then alpha.
    int p = 1 + 4 + 1 + 32 + 16;
    for (int k = 0; k < 2; k++) {
      p += 2 + (((bytes[p] & 0xFF) << 8) | (bytes[p + 1] & 0xFF));
    }
    p += 8 + 2;
    p += 2 + (((bytes[p] & 0xFF) << 8) | (bytes[p + 1] & 0xFF));
    p += 2 + 2;
    p += 2 + (((bytes[p] & 0xFF) << 8) | (bytes[p + 1] & 0xFF));
    return p;
  }

  @Test
  void theFrameReadsWhatElectionCoreEncodesAndGivesTheSameTrackingCode() {
    List<RecordedBallot> cast = stations.next("s1", 3);
    for (RecordedBallot b : cast) {
      RecordedBallotFrame f = RecordedBallotFrame.read(b.toBytes());
      assertThat(f.code()).isEqualTo(b.code());
      assertThat(f.ballotIdHex()).isEqualTo(b.ballotId().toHex());
      assertThat(f.stationId()).isEqualTo("s1");
      assertThat(f.epochHour()).isEqualTo(b.ballot().epochHour());
      assertThat(f.previous()).isEqualTo(b.previous());
      assertThat(f.signedBy(Stations.ELECTION.stationKey.publicKey(), f.code())).isTrue();
    }
    // A challenged ballot carries the reveal, which is part of its hash.
    TestElection e = Stations.ELECTION;
    SecureRandom rnd = new SecureRandom();
    PlaintextBallot plain = e.randomBallot("referendum", new Random(3));
    NonceSeed seed = NonceSeed.random(rnd);
    var body =
        new BallotEncryptor(e.manifest, e.key)
            .encrypt(plain, BallotId.random(rnd), "s1", TestElection.HOUR, seed);
    RecordedBallot challenged =
        RecordedBallot.record(
            body,
            BallotState.CHALLENGED,
            new ChallengeReveal(seed, plain),
            cast.getLast().code(),
            e.stationKey);
    assertThat(RecordedBallotFrame.read(challenged.toBytes()).code()).isEqualTo(challenged.code());
  }

  @Test
  void everyTruncationAndTrailingByteIsRefusedLikeElectionCoreRefusesIt() {
    byte[] ok = stations.next("s1", 1).getFirst().toBytes();
    for (int n = 0; n < ok.length; n++) {
      byte[] cut = java.util.Arrays.copyOf(ok, n);
      assertThatThrownBy(() -> RecordedBallot.decode(cut))
          .isInstanceOf(BallotFormatException.class);
      assertThatThrownBy(() -> RecordedBallotFrame.read(cut))
          .isInstanceOf(BallotFormatException.class);
    }
    byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 1);
    assertThatThrownBy(() -> RecordedBallotFrame.read(longer))
        .hasMessageContaining("trailing bytes");
  }

  @Test
  void aCompressedPointOrAnUnreducedScalarIsRefusedAtIngestButAPointOffTheCurveIsLeftToTheAudit() {
    RecordedBallot b = stations.next("s1", 1).getFirst();
    int alpha = alphaOffset(b);
    byte[] compressed = b.toBytes();
    compressed[alpha] = 0x02;
    assertThatThrownBy(() -> RecordedBallotFrame.read(compressed))
        .hasMessageContaining("contests[0].selections[0].alpha");
    // The proof's first scalar follows alpha, beta and the proof's four points.
    byte[] unreduced = b.toBytes();
    java.util.Arrays.fill(unreduced, alpha + 6 * 65, alpha + 6 * 65 + 32, (byte) 0xFF);
    assertThatThrownBy(() -> RecordedBallot.decode(unreduced))
        .isInstanceOf(BallotFormatException.class);
    assertThatThrownBy(() -> RecordedBallotFrame.read(unreduced))
        .hasMessageContaining("scalar not reduced");
    byte[] offCurve = b.toBytes();
    offCurve[alpha + 64] ^= 1;
    assertThatThrownBy(() -> RecordedBallot.decode(offCurve))
        .isInstanceOf(BallotFormatException.class);
    assertThat(RecordedBallotFrame.read(offCurve).stationId()).isEqualTo("s1");
  }

  @Test
  void eachRuleRefusesWithItsReasonAndAcceptsTheRest() throws Exception {
    try (MerkleLog log = MerkleLog.open(dir.resolve("entries.log"))) {
      LedgerState state = new LedgerState(log);
      BallotValidator v = new BallotValidator(Stations.rules());
      List<RecordedBallot> s1 = stations.next("s1", 4);
      EntryValidator.Decision d = v.decide(Stations.bytes(s1.subList(0, 2)), state);
      state.append(d.leaves());
      assertThat(d.verdicts()).allMatch(x -> x instanceof Verdict.Accepted a && !a.resubmitted());
      assertThat(((Verdict.Accepted) d.verdicts().get(1)).trackingCode())
          .isEqualTo(s1.get(1).code().toHex());
      assertThat(state.stationHead("s1")).contains(s1.get(1).code());

      List<byte[]> batch = new ArrayList<>();
      batch.add(new byte[] {1, 2, 3});
      batch.add(s1.get(0).toBytes()); // the same bytes again: idempotent
      batch.add(s1.get(3).toBytes()); // skips s1.get(2): breaks the chain
      RecordedBallot other = stations.next("s2", 1).getFirst();
      batch.add(other.toBytes());
      d = v.decide(batch, state);
      assertThat(d.verdicts().get(0)).isInstanceOf(Verdict.Rejected.class);
      assertThat(((Verdict.Rejected) d.verdicts().get(0)).reason()).startsWith("malformed ballot");
      assertThat(d.verdicts().get(1))
          .isEqualTo(
              new Verdict.Accepted(
                  s1.get(0).ballotId().toHex(), "s1", 0, s1.get(0).code().toHex(), true));
      assertThat(((Verdict.Rejected) d.verdicts().get(2)).reason())
          .isEqualTo("the ballot does not continue station s1's tracking-code chain");
      assertThat(d.verdicts().get(3)).isInstanceOf(Verdict.Accepted.class);
      state.append(d.leaves());

      // Another election, a closed window, a stranger: each named.
      byte[] otherHash = new byte[32];
      ElectionRules r = Stations.rules();
      BallotValidator otherElection =
          new BallotValidator(new ElectionRules(otherHash, r.stations(), r.window()));
      BallotValidator closed =
          new BallotValidator(
              new ElectionRules(
                  r.extendedHash(),
                  r.stations(),
                  new VotingWindow(
                      Instant.parse("2030-01-01T00:00:00Z"),
                      Instant.parse("2030-01-02T00:00:00Z"))));
      BallotValidator onlyS1 =
          new BallotValidator(
              new ElectionRules(
                  r.extendedHash(), java.util.Map.of("s1", r.stations().get("s1")), r.window()));
      List<byte[]> next = List.of(s1.get(2).toBytes());
      assertThat(((Verdict.Rejected) otherElection.decide(next, state).verdicts().get(0)).reason())
          .isEqualTo("the ballot belongs to another election");
      assertThat(((Verdict.Rejected) closed.decide(next, state).verdicts().get(0)).reason())
          .isEqualTo("the ballot was cast outside the voting window");
      List<byte[]> s2next = Stations.bytes(stations.next("s2", 1));
      assertThat(((Verdict.Rejected) onlyS1.decide(s2next, state).verdicts().get(0)).reason())
          .isEqualTo("unknown station s2");

      // Another ballot under a used id is refused.
      byte[] firstIdOtherBytes = s1.get(0).toBytes();
      firstIdOtherBytes[firstIdOtherBytes.length - 1] ^= 1;
      assertThat(
              ((Verdict.Rejected) v.decide(List.of(firstIdOtherBytes), state).verdicts().get(0))
                  .reason())
          .isEqualTo("this ballot id is already used by another ballot");

      // An unsigned batch has every ballot's own signature checked: a bad one on the chain head
      // refuses only the head.
      byte[] badHead = s1.get(3).toBytes();
      badHead[badHead.length - 1] ^= 1; // the signature's last byte
      d = v.decide(List.of(s1.get(2).toBytes(), badHead), state);
      assertThat(d.verdicts().get(0)).isInstanceOf(Verdict.Accepted.class);
      assertThat(((Verdict.Rejected) d.verdicts().get(1)).reason())
          .isEqualTo("the station's signature does not verify");
      assertThat(d.leaves()).hasSize(1);
      assertThat(TrackingCode.of(d.leaves().getFirst().trackingCode())).isEqualTo(s1.get(2).code());
    }
  }

  @Test
  void aSubmissionWithAHugeStationIdIsRefusedWithABoundedVerdictThatEncodes() throws Exception {
    try (MerkleLog log = MerkleLog.open(dir.resolve("entries.log"))) {
      LedgerState state = new LedgerState(log);
      byte[] poison = ReplicatedFuzzTest.emojiStationBallot();
      EntryValidator.Decision d =
          new BallotValidator(Stations.rules()).decide(List.of(poison), state);
      assertThat(d.leaves()).isEmpty();
      // The reply must encode (a verdict that cannot be written stopped every state machine).
      List<Verdict> back = Commands.readVerdicts(Commands.verdicts(d.verdicts()));
      assertThat(back).hasSize(1);
      Verdict.Rejected r = (Verdict.Rejected) back.getFirst();
      assertThat(r.reason()).startsWith("malformed ballot: stationId").hasSizeLessThan(301);
      // Whatever text a verdict is given, it stays bounded and round-trips.
      Verdict.Rejected huge = new Verdict.Rejected("x".repeat(70_000), "\u00e9".repeat(70_000));
      List<Verdict> again = Commands.readVerdicts(Commands.verdicts(List.of(huge)));
      assertThat(((Verdict.Rejected) again.getFirst()).reason()).hasSize(Verdict.MAX_REASON);
      assertThat(again.getFirst().ballotId()).hasSize(Verdict.MAX_ID);
    }
  }
}
