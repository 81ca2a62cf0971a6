package org.urna.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FixedBaseTableTest {
  /** Scalars whose signed digits hit every edge: zero, carries through all windows, n - 1. */
  private static List<BigInteger> edgeScalars(int w) {
    List<BigInteger> ks = new ArrayList<>();
    BigInteger n = Group.ORDER;
    ks.add(BigInteger.ONE);
    ks.add(BigInteger.TWO);
    ks.add(n.subtract(BigInteger.ONE));
    ks.add(n.subtract(BigInteger.TWO));
    ks.add(BigInteger.ONE.shiftLeft(255));
    ks.add(BigInteger.ONE.shiftLeft(w - 1)); // largest positive digit
    ks.add(BigInteger.ONE.shiftLeft(w - 1).add(BigInteger.ONE)); // smallest negative digit + carry
    ks.add(BigInteger.ONE.shiftLeft(w).subtract(BigInteger.ONE)); // digit -1 and a carry
    ks.add(BigInteger.ONE.shiftLeft(250).subtract(BigInteger.ONE)); // carries ripple far
    BigInteger halves = BigInteger.ZERO;
    for (int i = 0; i * w < 256; i++) {
      halves = halves.setBit(i * w + w - 1);
    }
    ks.add(halves.mod(n)); // every digit exactly 2^(w-1)
    Random r = new Random(w);
    for (int i = 0; i < 40; i++) {
      ks.add(new BigInteger(256, r).mod(n));
    }
    return ks;
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 7, 8, 11, 12})
  void tableMultiplicationAgreesWithBouncyCastle(int w) {
    Point base = Group.G.multiply(Scalar.of(123456789L)).normalize();
    FixedBaseTable table = new FixedBaseTable(base, w);
    for (BigInteger k : edgeScalars(w)) {
      Scalar s = Scalar.of(k);
      assertThat(table.multiply(s).normalize().toHex())
          .as("k = %s, w = %d", k.toString(16), w)
          .isEqualTo(base.multiply(s).normalize().toHex());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 11})
  void zeroGivesTheIdentityAndAWrongScalarAnotherPoint(int w) {
    FixedBaseTable table = new FixedBaseTable(Group.G, w);
    assertThat(table.multiply(Scalar.ZERO).isIdentity()).isTrue();
    Scalar k = Scalar.of(987654321L);
    assertThat(table.multiply(k).normalize())
        .isNotEqualTo(Group.G.multiply(k.add(Scalar.ONE)).normalize());
  }
}
