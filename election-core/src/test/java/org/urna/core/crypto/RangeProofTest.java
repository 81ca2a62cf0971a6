package org.urna.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RangeProofTest {
  static final ElGamalSecretKey SECRET = new ElGamalSecretKey(Scalar.of(123456789L));
  static final ElectionKey KEY =
      new ElectionKey(SECRET.publicKey(), Hash.tagged("test-context").digest());
  static final SecureRandom RANDOM = new SecureRandom();

  static NonceSource randomNonces() {
    return (label, purpose, index) -> Scalar.random(RANDOM);
  }

  @Property(tries = 40)
  void honestProofsVerifyForEveryValueInRange(
      @ForAll @IntRange(min = 1, max = 5) int limit, @ForAll @IntRange(min = 0, max = 5) int m) {
    int value = Math.min(m, limit);
    Scalar r = Scalar.random(RANDOM);
    ElGamalCiphertext ct = KEY.encrypt(value, r).normalize();
    RangeProof p = RangeProof.prove(KEY, "label", ct, value, r, limit, randomNonces());
    assertThat(p.verify(KEY, "label", ct)).isTrue();
    assertThat(RangeProof.decode(p.toBytes(), limit)).isEqualTo(p);
    assertThat(p.toBytes()).hasSize(RangeProof.encodedSize(limit));
  }

  @Test
  void proofIsBoundToItsLabelAndCiphertext() {
    Scalar r = Scalar.random(RANDOM);
    ElGamalCiphertext ct = KEY.encrypt(1, r).normalize();
    RangeProof p = RangeProof.prove(KEY, "ballot-a/c/s", ct, 1, r, 1, randomNonces());
    assertThat(p.verify(KEY, "ballot-b/c/s", ct)).isFalse();
    ElGamalCiphertext other = KEY.encrypt(1, Scalar.random(RANDOM)).normalize();
    assertThat(p.verify(KEY, "ballot-a/c/s", other)).isFalse();
  }

  @Test
  void aSelectionOfTwoCannotGetAValidProof() {
    Scalar r = Scalar.random(RANDOM);
    ElGamalCiphertext two = KEY.encrypt(2, r).normalize();
    // The prover refuses outright ...
    assertThatThrownBy(() -> RangeProof.prove(KEY, "l", two, 2, r, 1, randomNonces()))
        .isInstanceOf(IllegalArgumentException.class);
    // ... and a cheating prover that claims 0 or 1 for it produces a proof that fails.
    for (int claimed = 0; claimed <= 1; claimed++) {
      RangeProof cheat = RangeProof.prove(KEY, "l", two, claimed, r, 1, randomNonces());
      assertThat(cheat.verify(KEY, "l", two)).as("claimed %d", claimed).isFalse();
    }
  }

  @Test
  void anOverLimitContestSumCannotGetAValidProof() {
    Scalar r = Scalar.random(RANDOM);
    ElGamalCiphertext three = KEY.encrypt(3, r).normalize();
    for (int claimed = 0; claimed <= 2; claimed++) {
      RangeProof cheat = RangeProof.prove(KEY, "l", three, claimed, r, 2, randomNonces());
      assertThat(cheat.verify(KEY, "l", three)).isFalse();
    }
  }

  @Property(tries = 60)
  void anyFlippedProofByteFails(
      @ForAll @IntRange(min = 0, max = 355) int index,
      @ForAll @IntRange(min = 1, max = 255) int x) {
    Scalar r = Scalar.random(RANDOM);
    ElGamalCiphertext ct = KEY.encrypt(1, r).normalize();
    byte[] bytes = RangeProof.prove(KEY, "l", ct, 1, r, 1, randomNonces()).toBytes();
    bytes[index] ^= (byte) x;
    try {
      assertThat(RangeProof.decode(bytes, 1).verify(KEY, "l", ct)).isFalse();
    } catch (CryptoFormatException refused) {
      assertThat(refused.getMessage()).isNotBlank();
    }
  }

  @Test
  void decryptionProofVerifiesOnlyTheTrueTotal() {
    Scalar r = Scalar.random(RANDOM);
    ElGamalCiphertext ct = KEY.encrypt(7, r).normalize();
    DecryptionProof p =
        DecryptionProof.prove(KEY, SECRET, "tally/x/y", ct, 7, Scalar.random(RANDOM));
    assertThat(p.verify(KEY, "tally/x/y", ct, 7)).isTrue();
    assertThat(p.verify(KEY, "tally/x/y", ct, 8)).isFalse();
    assertThat(DecryptionProof.decode(p.toBytes()).verify(KEY, "tally/x/y", ct, 7)).isTrue();
    DecryptionProof lie =
        DecryptionProof.prove(KEY, SECRET, "tally/x/y", ct, 8, Scalar.random(RANDOM));
    assertThat(lie.verify(KEY, "tally/x/y", ct, 8)).isFalse();
  }

  @Test
  void discreteLogFindsTotalsUpToTenMillion() {
    DiscreteLog dl = DiscreteLog.standard();
    for (long t : new long[] {1, 2, 3162, 3163, 3164, 999_999, 9_999_999, 10_000_000}) {
      assertThat(dl.solve(Group.mulG(Scalar.of(t)))).as("t=%d", t).contains(t);
    }
    assertThat(dl.solve(Group.mulG(Scalar.of(10_000_001)))).isEmpty();
    assertThat(dl.solve(Group.mulG(Scalar.of(-5)))).isEmpty();
  }
}
