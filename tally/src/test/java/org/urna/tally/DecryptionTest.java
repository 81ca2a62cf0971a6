package org.urna.tally;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;

class DecryptionTest {
  static TestCeremony c;
  static List<EncryptedTotal> totals;
  static final long[] COUNTS = {0, 1, 7, 42};
  static final SecureRandom RANDOM = new SecureRandom();

  @BeforeAll
  static void ceremonyAndTotals() throws Exception {
    c = TestCeremony.honest(3, 2);
    ElectionKey key = c.joint.toElectionKey();
    totals = new ArrayList<>();
    for (int i = 0; i < COUNTS.length; i++) {
      // Sum of COUNTS[i] ballots marking the selection, plus two unmarked ones.
      ElGamalCiphertext sum = key.encrypt(0, Scalar.random(RANDOM));
      sum = sum.add(key.encrypt(0, Scalar.random(RANDOM)));
      for (long v = 0; v < COUNTS[i]; v++) {
        sum = sum.add(key.encrypt(1, Scalar.random(RANDOM)));
      }
      totals.add(new EncryptedTotal("mayor", "s" + i, sum));
    }
  }

  private static DecryptionShareSet sharesOf(int j) throws TrusteeException {
    return c.trustee(j).decrypt(c.joint, totals);
  }

  private static long[] counts(Combiner.Combination comb) {
    return comb.totals().stream().mapToLong(ThresholdTotal::count).toArray();
  }

  @Test
  void anyTwoOfThreeDecryptAndTheAbsentTrusteeIsNamed() throws Exception {
    for (int[] pair : new int[][] {{1, 2}, {1, 3}, {2, 3}}) {
      Combiner.Combination comb =
          Combiner.combine(c.joint, totals, List.of(sharesOf(pair[0]), sharesOf(pair[1])));
      assertThat(counts(comb)).containsExactly(COUNTS);
      assertThat(comb.absent()).hasSize(1).doesNotContain(pair[0], pair[1]);
      for (ThresholdTotal t : comb.totals()) {
        assertThat(Combiner.verifyCount(c.joint, t.encryptedTotal(), t.shares(), t.count()))
            .isEmpty();
        assertThat(Combiner.verifyCount(c.joint, t.encryptedTotal(), t.shares(), t.count() + 1))
            .hasValueSatisfying(f -> assertThat(f.step()).isEqualTo(TrusteeStep.T12));
      }
    }
    assertThat(
            counts(
                Combiner.combine(c.joint, totals, List.of(sharesOf(1), sharesOf(2), sharesOf(3)))))
        .containsExactly(COUNTS);
  }

  @Test
  void aWrongShareIsCaughtByItsProofNamedAndSetAside() throws Exception {
    DecryptionShareSet good = sharesOf(2);
    List<DecryptionShare> tampered = new ArrayList<>(good.shares());
    DecryptionShare s = tampered.get(2);
    tampered.set(
        2,
        new DecryptionShare(2, s.contestId(), s.selectionId(), s.share().add(Group.G), s.proof()));
    DecryptionShareSet bad = new DecryptionShareSet(2, good.extendedHash(), tampered);
    assertThat(ShareVerifier.verify(c.joint, totals, bad))
        .hasValueSatisfying(
            f -> {
              assertThat(f.step()).isEqualTo(TrusteeStep.T11);
              assertThat(f.item()).isEqualTo("decryption share of trustee 2 for mayor/s2");
            });
    Combiner.Combination comb =
        Combiner.combine(c.joint, totals, List.of(sharesOf(1), bad, sharesOf(3)));
    assertThat(counts(comb)).containsExactly(COUNTS);
    assertThat(comb.used()).containsExactly(1, 3);
    assertThat(comb.refused())
        .singleElement()
        .satisfies(f -> assertThat(f.item()).contains("trustee 2"));
    // With only one good share left, combination refuses and says why.
    assertThatThrownBy(() -> Combiner.combine(c.joint, totals, List.of(sharesOf(1), bad)))
        .isInstanceOfSatisfying(
            TrusteeException.class,
            e -> {
              assertThat(e.failure().step()).isEqualTo(TrusteeStep.T12);
              assertThat(e.getMessage())
                  .contains("at least 2")
                  .contains("trustee 2")
                  .contains("[3]");
            });
  }

  @Test
  void aShareForAnotherTotalOrByAnotherTrusteeIsRefused() throws Exception {
    DecryptionShareSet one = sharesOf(1);
    List<DecryptionShare> swapped = new ArrayList<>(one.shares());
    DecryptionShare a = swapped.get(0);
    DecryptionShare b = swapped.get(1);
    swapped.set(0, new DecryptionShare(1, a.contestId(), a.selectionId(), b.share(), b.proof()));
    assertThat(
            ShareVerifier.verify(
                c.joint, totals, new DecryptionShareSet(1, one.extendedHash(), swapped)))
        .hasValueSatisfying(f -> assertThat(f.step()).isEqualTo(TrusteeStep.T11));
    // Trustee 1's shares presented as trustee 3's.
    List<DecryptionShare> as3 =
        one.shares().stream()
            .map(s -> new DecryptionShare(3, s.contestId(), s.selectionId(), s.share(), s.proof()))
            .toList();
    assertThat(
            ShareVerifier.verify(
                c.joint, totals, new DecryptionShareSet(3, one.extendedHash(), as3)))
        .hasValueSatisfying(f -> assertThat(f.step()).isEqualTo(TrusteeStep.T11));
    // Shares bound to another election's Q.
    assertThat(
            ShareVerifier.verify(
                c.joint, totals, new DecryptionShareSet(1, new byte[32], one.shares())))
        .hasValueSatisfying(f -> assertThat(f.step()).isEqualTo(TrusteeStep.T10));
  }

  @Test
  void kMinusOneSharesCannotDecrypt() throws Exception {
    // Combination refuses fewer than k share files.
    assertThatThrownBy(() -> Combiner.combine(c.joint, totals, List.of(sharesOf(3))))
        .isInstanceOfSatisfying(
            TrusteeException.class, e -> assertThat(e.failure().step()).isEqualTo(TrusteeStep.T12));
    // Forcing Lagrange over k-1 shares gives a value that is not s·A, for every total.
    Scalar s = Scalar.ZERO;
    for (Trustee t : c.trustees) {
      s = s.add(t.polynomial().coefficient(0));
    }
    for (int j = 1; j <= 3; j++) {
      DecryptionShareSet set = sharesOf(j);
      for (int t = 0; t < totals.size(); t++) {
        Point forced = Combiner.combineShares(List.of(set.shares().get(t)));
        assertThat(forced).isNotEqualTo(totals.get(t).ciphertext().alpha().multiply(s));
        assertThat(
                Combiner.verifyCount(
                    c.joint, totals.get(t), List.of(set.shares().get(t)), COUNTS[t]))
            .isPresent();
      }
    }
  }

  @Test
  void kMinusOneSharesAreConsistentWithEverySecret() throws Exception {
    // Structural: for k = 3, the shares f(1), f(2) of two trustees fit a polynomial of degree 2
    // with any constant term s', so they say nothing about the secret.
    Polynomial f = Polynomial.random(3, RANDOM);
    Scalar y1 = f.at(1);
    Scalar y2 = f.at(2);
    for (int trial = 0; trial < 20; trial++) {
      Scalar other = Scalar.random(RANDOM);
      // g(x) = other + b·x + c·x^2 with g(1) = y1, g(2) = y2:
      // b + c = y1 - other, 2b + 4c = y2 - other  =>  c = (y2 - other - 2(y1 - other)) / 2.
      Scalar d1 = y1.subtract(other);
      Scalar d2 = y2.subtract(other);
      Scalar half = Scalar.of(java.math.BigInteger.TWO.modInverse(Group.ORDER));
      Scalar cc = d2.subtract(d1.add(d1)).multiply(half);
      Scalar b = d1.subtract(cc);
      Polynomial g = new Polynomial(new Scalar[] {other, b, cc});
      assertThat(g.at(1)).isEqualTo(y1);
      assertThat(g.at(2)).isEqualTo(y2);
      assertThat(g.coefficient(0)).isEqualTo(other);
    }
  }
}
