package org.urna.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PippengerTest {
  @ParameterizedTest
  @ValueSource(ints = {256, 300, 1500})
  void bucketMethodAgreesWithBouncyCastleOnMixedScalarSizes(int n) {
    Random r = new Random(n);
    ECPoint[] ps = new ECPoint[n];
    BigInteger[] ks = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      ps[i] = Group.mulG(Scalar.of(new BigInteger(256, r))).raw();
      int bits =
          switch (i % 3) {
            case 0 -> 256;
            case 1 -> 129;
            default -> 1 + r.nextInt(20);
          };
      ks[i] = Scalar.of(new BigInteger(bits, r)).value();
    }
    ks[7] = BigInteger.ZERO;
    ks[8] = Group.ORDER.subtract(BigInteger.ONE);
    ECPoint expected = ECAlgorithms.sumOfMultiplies(ps, ks).normalize();
    assertThat(Pippenger.sumOfMultiplies(ps, ks).normalize()).isEqualTo(expected);
    ks[11] = ks[11].add(BigInteger.ONE);
    assertThat(Pippenger.sumOfMultiplies(ps, ks).normalize()).isNotEqualTo(expected);
  }
}
