package org.urna.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PippengerTest {
  @ParameterizedTest
  @ValueSource(ints = {256, 300, 1500, 20_000})
  void bucketMethodAgreesWithBouncyCastleOnMixedScalarSizes(int n) {
    Random r = new Random(n);
    ECPoint[] ps = new ECPoint[n];
    BigInteger[] ks = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      ps[i] = Group.mulG(Scalar.of(new BigInteger(256, r))).raw();
      ks[i] =
          switch (i % 5) {
            case 0 -> Scalar.of(new BigInteger(256, r)).value();
            case 1 -> new BigInteger(129, r);
            // a weight times -1: above n/2, taken as n - k on the negated point
            case 2 -> Group.ORDER.subtract(new BigInteger(129, r));
            case 3 -> new BigInteger(1 + r.nextInt(20), r);
            default -> Group.ORDER.shiftRight(1).add(BigInteger.valueOf(r.nextInt(3) - 1));
          };
    }
    ks[7] = BigInteger.ZERO;
    ks[8] = Group.ORDER.subtract(BigInteger.ONE);
    ks[9] = BigInteger.ONE;
    ps[10] = ps[11]; // the same point twice (a bucket may add a point to itself)
    ks[10] = ks[11];
    ECPoint expected = ECAlgorithms.sumOfMultiplies(ps, ks).normalize();
    assertThat(Pippenger.sumOfMultiplies(ps, ks).normalize()).isEqualTo(expected);
    ks[n - 1] = ks[n - 1].add(BigInteger.ONE);
    assertThat(Pippenger.sumOfMultiplies(ps, ks).normalize()).isNotEqualTo(expected);
  }

  @Test
  void pointsThatCancelGiveTheIdentity() {
    int n = 600;
    Random r = new Random(5);
    ECPoint[] ps = new ECPoint[n];
    BigInteger[] ks = new BigInteger[n];
    for (int i = 0; i < n; i += 2) {
      ps[i] = Group.mulG(Scalar.of(new BigInteger(256, r))).raw();
      ps[i + 1] = ps[i];
      ks[i] = new BigInteger(200, r);
      ks[i + 1] = Group.ORDER.subtract(ks[i]);
    }
    assertThat(Pippenger.sumOfMultiplies(ps, ks).isInfinity()).isTrue();
    Arrays.fill(ks, BigInteger.ZERO);
    assertThat(Pippenger.sumOfMultiplies(ps, ks).isInfinity()).isTrue();
  }

  @Test
  void signedDigitsAddUpToTheScalarForEveryWidth() {
    Random r = new Random(1);
    for (int c = 2; c <= 16; c++) {
      for (int t = 0; t < 200; t++) {
        int bits = 1 + r.nextInt(255);
        BigInteger k =
            t == 0
                ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : new BigInteger(bits, r);
        int windows = bits / c + 1;
        short[] d = new short[windows + 1];
        byte[] be = new byte[32];
        byte[] raw = k.toByteArray();
        int len = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - len, be, 32 - len, len);
        Pippenger.signedDigits(be, c, windows, d, 1);
        BigInteger back = BigInteger.ZERO;
        for (int j = windows - 1; j >= 0; j--) {
          assertThat(Math.abs(d[1 + j])).isLessThanOrEqualTo(1 << (c - 1));
          back = back.shiftLeft(c).add(BigInteger.valueOf(d[1 + j]));
        }
        assertThat(back).as("c=%d k=%s", c, k).isEqualTo(k);
      }
    }
  }

  @Test
  void windowGrowsWithTheNumberOfPoints() {
    assertThat(Pippenger.windowBits(256)).isLessThan(Pippenger.windowBits(4096));
    assertThat(Pippenger.windowBits(4096)).isLessThan(Pippenger.windowBits(65_536));
  }
}
