package org.urna.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.EncryptedContest;
import org.urna.core.ballot.EncryptedSelection;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TestElection;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.SigningKey;

class RecordAndBatchVerificationTest {
  static final TestElection E = new TestElection();
  static final SecureRandom RANDOM = new SecureRandom();
  static final BallotVerifier SINGLE = new BallotVerifier(E.manifest, E.key);

  static List<RecordedBallot> chain(int n, String style, Random random) {
    BallotEncryptor enc = new BallotEncryptor(E.manifest, E.key);
    List<RecordedBallot> out = new ArrayList<>();
    TrackingCode prev = TrackingCode.seed(E.key.extendedHash(), "s1");
    for (int i = 0; i < n; i++) {
      EncryptedBallot b =
          enc.encrypt(
              E.randomBallot(style, random),
              BallotId.random(RANDOM),
              "s1",
              TestElection.HOUR,
              NonceSeed.random(RANDOM));
      RecordedBallot r = RecordedBallot.record(b, BallotState.CAST, null, prev, E.stationKey);
      out.add(r);
      prev = r.code();
    }
    return out;
  }

  @Test
  void anUnbrokenChainVerifiesAndDeletionReorderingOrDuplicationIsFound() {
    List<RecordedBallot> ballots = chain(6, "referendum", new Random(5));
    RecordVerifier rv = new RecordVerifier(E.key);
    assertThat(rv.verifySequence(ballots)).isEmpty();

    List<RecordedBallot> deleted = new ArrayList<>(ballots);
    deleted.remove(2);
    assertThat(rv.verifySequence(deleted))
        .singleElement()
        .satisfies(f -> assertThat(f.step()).isEqualTo(Step.V7))
        .satisfies(f -> assertThat(f.item()).contains(ballots.get(3).ballotId().toHex()));

    List<RecordedBallot> swapped = new ArrayList<>(ballots);
    swapped.set(1, ballots.get(2));
    swapped.set(2, ballots.get(1));
    assertThat(rv.verifySequence(swapped)).extracting(VerificationFailure::step).contains(Step.V7);

    List<RecordedBallot> twice = new ArrayList<>(ballots);
    twice.add(ballots.get(5));
    assertThat(rv.verifySequence(twice)).extracting(VerificationFailure::step).contains(Step.V10);
  }

  @Test
  void batchVerificationAcceptsHonestBallotsAndFindsTheOneBadProof() {
    List<RecordedBallot> ballots = chain(150, "referendum", new Random(9));
    BatchVerifier batch = new BatchVerifier(SINGLE, 2);
    assertThat(batch.verify(ballots)).isEmpty();

    // Replace ballot 97's "yes" proof by its "no" proof and re-sign: only the proof is wrong.
    RecordedBallot victim = ballots.get(97);
    EncryptedBallot b = victim.ballot();
    EncryptedContest c = b.contests().getFirst();
    EncryptedSelection yes = c.selections().get(0);
    EncryptedSelection no = c.selections().get(1);
    EncryptedContest bad =
        new EncryptedContest(
            c.contestId(),
            c.limit(),
            List.of(new EncryptedSelection(yes.selectionId(), yes.ciphertext(), no.proof()), no),
            c.limitProof());
    EncryptedBallot forged =
        new EncryptedBallot(
            b.extendedHash(), b.ballotId(), "s1", b.ballotStyleId(), b.epochHour(), List.of(bad));
    List<RecordedBallot> withBad = new ArrayList<>(ballots);
    withBad.set(
        97, RecordedBallot.record(forged, BallotState.CAST, null, victim.previous(), E.stationKey));

    List<VerificationFailure> failures = batch.verify(withBad);
    assertThat(failures).isNotEmpty();
    assertThat(failures).allSatisfy(f -> assertThat(f.item()).contains(b.ballotId().toHex()));
    assertThat(failures).extracting(VerificationFailure::step).contains(Step.V5);
  }

  @Test
  void batchVerificationNamesTheOneBallotSignedByAnotherKey() {
    List<RecordedBallot> ballots = chain(300, "referendum", new Random(10));
    BatchVerifier batch = new BatchVerifier(SINGLE, 1, 300);
    RecordedBallot victim = ballots.get(211);
    List<RecordedBallot> withBad = new ArrayList<>(ballots);
    withBad.set(
        211,
        RecordedBallot.record(
            victim.ballot(),
            victim.state(),
            victim.reveal(),
            victim.previous(),
            SigningKey.generate(new SecureRandom())));
    List<VerificationFailure> failures = batch.verify(withBad);
    assertThat(failures).singleElement().extracting(VerificationFailure::step).isEqualTo(Step.V8);
    assertThat(failures.getFirst().item()).contains(victim.ballotId().toHex());
  }

  /** Ballot i with its "yes" proof replaced by its "no" proof and signed again. */
  static RecordedBallot withSwappedProof(RecordedBallot victim) {
    EncryptedBallot b = victim.ballot();
    EncryptedContest c = b.contests().getFirst();
    EncryptedSelection yes = c.selections().get(0);
    EncryptedSelection no = c.selections().get(1);
    EncryptedContest bad =
        new EncryptedContest(
            c.contestId(),
            c.limit(),
            List.of(new EncryptedSelection(yes.selectionId(), yes.ciphertext(), no.proof()), no),
            c.limitProof());
    EncryptedBallot forged =
        new EncryptedBallot(
            b.extendedHash(), b.ballotId(), "s1", b.ballotStyleId(), b.epochHour(), List.of(bad));
    return RecordedBallot.record(forged, BallotState.CAST, null, victim.previous(), E.stationKey);
  }

  @Test
  void oneLargeChunkFindsAndNamesBadBallotsDeepInside() {
    // 1,200 ballots in one chunk: one multi-scalar multiplication over 19,200 points (Pippenger
    // with wide signed windows), halved down to each bad ballot.
    List<RecordedBallot> ballots = chain(1200, "referendum", new Random(12));
    BatchVerifier batch = new BatchVerifier(SINGLE, 1, 1200);
    assertThat(batch.verify(ballots)).isEmpty();

    List<RecordedBallot> withBad = new ArrayList<>(ballots);
    withBad.set(1111, withSwappedProof(ballots.get(1111)));
    withBad.set(3, withSwappedProof(ballots.get(3)));
    List<VerificationFailure> failures = batch.verify(withBad);
    assertThat(failures).extracting(VerificationFailure::step).containsOnly(Step.V5);
    assertThat(failures)
        .extracting(VerificationFailure::item)
        .anySatisfy(i -> assertThat(i).contains(ballots.get(1111).ballotId().toHex()))
        .anySatisfy(i -> assertThat(i).contains(ballots.get(3).ballotId().toHex()))
        .allSatisfy(
            i ->
                assertThat(i)
                    .containsAnyOf(
                        ballots.get(1111).ballotId().toHex(), ballots.get(3).ballotId().toHex()));
  }

  @Test
  void aSignatureChecksOnlyAgainstTheBallotsOwnCode() {
    List<RecordedBallot> ballots = chain(2, "referendum", new Random(3));
    RecordedBallot r = ballots.get(1);
    assertThat(r.signedBy(E.stationKey.publicKey(), r.code())).isTrue();
    assertThat(r.signedBy(E.stationKey.publicKey(), ballots.get(0).code())).isFalse();
  }

  @Test
  void chunksGrowWithTheBatchUpToTheirLimit() {
    assertThat(BatchVerifier.chunkSize(10, 2)).isEqualTo(BatchVerifier.MIN_CHUNK);
    assertThat(BatchVerifier.chunkSize(10_000, 2)).isEqualTo(1250);
    assertThat(BatchVerifier.chunkSize(1_000_000, 2)).isEqualTo(BatchVerifier.MAX_CHUNK);
  }
}
