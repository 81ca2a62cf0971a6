package org.urna.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * {@link Point#decode} against Bouncy Castle's own {@code decodePoint} with its validation: the
 * same encodings accepted (as the same point) and refused, over valid points, points with a flipped
 * bit (off the curve, or now and then another point), coordinates at and above p, and x-only
 * changes that keep y.
 */
class PointDecodeTest {
  private static final BigInteger P =
      new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);

  /** Bouncy Castle's answer: the point, or null when it refuses the bytes. */
  private static ECPoint bouncyCastle(byte[] b) {
    try {
      ECPoint q = Group.CURVE.decodePoint(b);
      return q.isInfinity() ? null : q;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void agree(byte[] b) {
    ECPoint expected = bouncyCastle(b);
    if (expected == null) {
      assertThatThrownBy(() -> Point.decode(b)).isInstanceOf(CryptoFormatException.class);
    } else {
      Point p = Point.decode(b);
      assertThat(p.raw().equals(expected)).isTrue();
      assertThat(p.toBytes()).isEqualTo(b);
    }
  }

  @Property(tries = 400)
  void acceptsAndRefusesWhatBouncyCastleDoes(@ForAll long seed) {
    Random r = new Random(seed);
    byte[] good = Group.mulG(Scalar.of(new BigInteger(256, r))).normalize().toBytes();
    agree(good);
    byte[] flipped = good.clone();
    flipped[1 + r.nextInt(64)] ^= (byte) (1 << r.nextInt(8));
    agree(flipped);
    byte[] random = new byte[65];
    r.nextBytes(random);
    random[0] = 0x04;
    agree(random);
  }

  @Test
  void coordinatesAtOrAbovePAreRefused() {
    byte[] good = Group.G.normalize().toBytes();
    for (BigInteger v :
        new BigInteger[] {
          P, P.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
        }) {
      byte[] raw = v.toByteArray();
      byte[] coord = new byte[32];
      System.arraycopy(raw, raw.length - 32, coord, 0, 32);
      byte[] badX = good.clone();
      System.arraycopy(coord, 0, badX, 1, 32);
      byte[] badY = good.clone();
      System.arraycopy(coord, 0, badY, 33, 32);
      assertThatThrownBy(() -> Point.decode(badX)).isInstanceOf(CryptoFormatException.class);
      assertThatThrownBy(() -> Point.decode(badY)).isInstanceOf(CryptoFormatException.class);
      agree(badX);
      agree(badY);
    }
  }

  @Test
  void theCurveConstantIsBouncyCastles() {
    // decoding G checks y² = x³ − 3x + b with the written-out b
    assertThat(Point.decode(Group.G.normalize().toBytes())).isEqualTo(Group.G);
    assertThat(Group.CURVE.getB().toBigInteger().toString(16))
        .isEqualTo("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");
  }

  @Test
  void theNegatedPointDecodesAndAnyOtherYDoesNot() {
    Point g = Group.G.normalize();
    agree(g.negate().normalize().toBytes());
    byte[] b = g.toBytes();
    b[64] ^= 0x02;
    assertThatThrownBy(() -> Point.decode(b)).isInstanceOf(CryptoFormatException.class);
  }
}
