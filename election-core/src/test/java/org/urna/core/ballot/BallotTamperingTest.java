package org.urna.core.ballot;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.urna.core.verify.BallotVerifier;
import org.urna.core.verify.Step;
import org.urna.core.verify.VerificationFailure;

class BallotTamperingTest {
  static final TestElection E = new TestElection();
  static final SecureRandom RANDOM = new SecureRandom();
  static final BallotEncryptor ENCRYPTOR = new BallotEncryptor(E.manifest, E.key);
  static final BallotVerifier VERIFIER = new BallotVerifier(E.manifest, E.key);
  static final RecordedBallot HONEST = cast(E.randomBallot("four-by-five", new Random(7)));
  static final byte[] HONEST_BYTES = HONEST.toBytes();

  static RecordedBallot cast(PlaintextBallot p) {
    EncryptedBallot b =
        ENCRYPTOR.encrypt(
            p, BallotId.random(RANDOM), "s1", TestElection.HOUR, NonceSeed.random(RANDOM));
    return RecordedBallot.record(
        b, BallotState.CAST, null, TrackingCode.seed(E.key.extendedHash(), "s1"), E.stationKey);
  }

  @Test
  void honestBallotVerifiesAndRoundTrips() {
    assertThat(VERIFIER.verify(HONEST)).isEmpty();
    RecordedBallot back = RecordedBallot.decode(HONEST_BYTES);
    assertThat(back.toBytes()).isEqualTo(HONEST_BYTES);
    assertThat(back.code()).isEqualTo(HONEST.code());
    assertThat(back.signedBy(E.stationKey.publicKey())).isTrue();
  }

  @Property(tries = 300)
  void flippingAnyByteIsRefusedOrFailsVerification(
      @ForAll @IntRange(min = 0, max = 1_000_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int x) {
    byte[] b = HONEST_BYTES.clone();
    int i = position % b.length;
    b[i] ^= (byte) x;
    RecordedBallot tampered;
    try {
      tampered = RecordedBallot.decode(b);
    } catch (BallotFormatException refused) {
      assertThat(refused.getMessage()).as("V1 names the field").contains(":");
      return;
    }
    List<VerificationFailure> f = VERIFIER.verify(tampered);
    assertThat(f).as("byte %d flipped", i).isNotEmpty();
    assertThat(f.getFirst().message()).contains("ballot");
  }

  @Test
  void aBadProofUnderAValidSignatureIsNamedByStepAndItem() {
    EncryptedBallot body = HONEST.ballot();
    // Swap the proofs of two selections: every proof is well formed, signature re-made.
    List<EncryptedContest> contests = new ArrayList<>(body.contests());
    EncryptedContest c0 = contests.getFirst();
    List<EncryptedSelection> sels = new ArrayList<>(c0.selections());
    EncryptedSelection a = sels.get(0);
    EncryptedSelection bb = sels.get(1);
    sels.set(0, new EncryptedSelection(a.selectionId(), a.ciphertext(), bb.proof()));
    contests.set(0, new EncryptedContest(c0.contestId(), c0.limit(), sels, c0.limitProof()));
    EncryptedBallot forged =
        new EncryptedBallot(
            body.extendedHash(),
            body.ballotId(),
            "s1",
            body.ballotStyleId(),
            body.epochHour(),
            contests);
    RecordedBallot r =
        RecordedBallot.record(
            forged,
            BallotState.CAST,
            null,
            TrackingCode.seed(E.key.extendedHash(), "s1"),
            E.stationKey);
    List<VerificationFailure> f = VERIFIER.verify(r);
    assertThat(f).extracting(VerificationFailure::step).contains(Step.V5);
    assertThat(f.getFirst().item()).contains("council-1").contains(a.selectionId());
  }

  @Test
  void anotherStationsSignatureFailsV8() {
    RecordedBallot r =
        RecordedBallot.record(
            HONEST.ballot(), BallotState.CAST, null, HONEST.previous(), E.otherStationKey);
    assertThat(VERIFIER.verify(r)).extracting(VerificationFailure::step).containsExactly(Step.V8);
  }

  @Test
  void unknownStationFailsV3AndOutsideWindowFailsV4() {
    PlaintextBallot p = E.randomBallot("referendum", new Random(3));
    EncryptedBallot unknown =
        ENCRYPTOR.encrypt(
            p, BallotId.random(RANDOM), "s9", TestElection.HOUR, NonceSeed.random(RANDOM));
    RecordedBallot r1 =
        RecordedBallot.record(
            unknown,
            BallotState.CAST,
            null,
            TrackingCode.seed(E.key.extendedHash(), "s9"),
            E.stationKey);
    assertThat(VERIFIER.verify(r1)).extracting(VerificationFailure::step).containsExactly(Step.V3);
    EncryptedBallot late =
        ENCRYPTOR.encrypt(
            p, BallotId.random(RANDOM), "s1", TestElection.HOUR + 100, NonceSeed.random(RANDOM));
    RecordedBallot r2 =
        RecordedBallot.record(
            late,
            BallotState.CAST,
            null,
            TrackingCode.seed(E.key.extendedHash(), "s1"),
            E.stationKey);
    assertThat(VERIFIER.verify(r2)).extracting(VerificationFailure::step).containsExactly(Step.V4);
  }

  @Test
  void challengedBallotReproducesFromItsSeedAndAWrongClaimFailsV9() {
    PlaintextBallot p = E.randomBallot("four-by-five", new Random(11));
    NonceSeed seed = NonceSeed.random(RANDOM);
    BallotId id = BallotId.random(RANDOM);
    EncryptedBallot b = ENCRYPTOR.encrypt(p, id, "s1", TestElection.HOUR, seed);
    TrackingCode start = TrackingCode.seed(E.key.extendedHash(), "s1");
    RecordedBallot honest =
        RecordedBallot.record(
            b, BallotState.CHALLENGED, new ChallengeReveal(seed, p), start, E.stationKey);
    assertThat(VERIFIER.verify(honest)).isEmpty();
    assertThat(RecordedBallot.decode(honest.toBytes()).reveal().claimed().choices())
        .isEqualTo(p.choices());
    // The kiosk claims the voter chose something else than what it encrypted.
    Map<String, Set<String>> other = new java.util.LinkedHashMap<>(p.choices());
    other.put(
        "council-1", p.chosen("council-1").contains("c1-1") ? Set.of("c1-2") : Set.of("c1-1"));
    RecordedBallot lying =
        RecordedBallot.record(
            b,
            BallotState.CHALLENGED,
            new ChallengeReveal(seed, new PlaintextBallot("four-by-five", other)),
            start,
            E.stationKey);
    assertThat(VERIFIER.verify(lying))
        .extracting(VerificationFailure::step)
        .containsExactly(Step.V9);
  }

  @Test
  void aBallotFromAnotherElectionFailsV2() {
    org.urna.core.crypto.ElectionKey otherKey =
        new org.urna.core.crypto.ElectionKey(
            E.key.key(), org.urna.core.crypto.Hash.tagged("another-election").digest());
    EncryptedBallot b =
        new BallotEncryptor(E.manifest, otherKey)
            .encrypt(
                E.randomBallot("referendum", new Random(1)),
                BallotId.random(RANDOM),
                "s1",
                TestElection.HOUR,
                NonceSeed.random(RANDOM));
    RecordedBallot r =
        RecordedBallot.record(
            b,
            BallotState.CAST,
            null,
            TrackingCode.seed(otherKey.extendedHash(), "s1"),
            E.stationKey);
    assertThat(VERIFIER.verify(r)).extracting(VerificationFailure::step).containsExactly(Step.V2);
  }
}
