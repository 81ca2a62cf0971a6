package org.urna.core.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.ec.custom.sec.SecP256R1FieldElement;
import org.bouncycastle.math.raw.Nat256;
import org.bouncycastle.util.Pack;

/**
 * A point of P-256 other than the identity, encoded as 65 bytes uncompressed SEC1 {@code 04 || X ||
 * Y} (spec 2.1). Decoding checks the point is on the curve; the identity has no encoding.
 */
public final class Point implements Encodable {
  public static final int BYTES = 65;

  private final ECPoint p;

  Point(ECPoint p) {
    this.p = p;
  }

  /**
   * Decodes 65 bytes; refuses compressed forms, coordinates not below p and points off the curve
   * (an uncompressed encoding is never the identity). The curve equation y² = x³ − 3x + b is
   * checked here on Bouncy Castle's P-256 field arithmetic, which keeps every value fully reduced,
   * and the point is then made without Bouncy Castle's own validation: the same refusals as its
   * {@code decodePoint}, without the validity record it attaches to every point (a verifier decodes
   * 16 points a referendum ballot; PointDecodeTest compares the two).
   */
  public static Point decode(byte[] bytes) {
    if (bytes.length != BYTES || bytes[0] != 0x04) {
      throw new CryptoFormatException("a point is 65 bytes starting 04 (uncompressed)");
    }
    int[] x = limbs(bytes, 1);
    int[] y = limbs(bytes, 33);
    if (Nat256.gte(x, FIELD_P) || Nat256.gte(y, FIELD_P)) {
      throw new CryptoFormatException("not a point of P-256: a coordinate is not below p");
    }
    int[] ext = Nat256.createExt();
    int[] lhs = Nat256.create();
    int[] rhs = Nat256.create();
    SecP256R1Field.square(y, lhs, ext);
    SecP256R1Field.square(x, rhs, ext);
    SecP256R1Field.multiply(rhs, x, rhs, ext);
    SecP256R1Field.subtract(rhs, x, rhs);
    SecP256R1Field.subtract(rhs, x, rhs);
    SecP256R1Field.subtract(rhs, x, rhs);
    SecP256R1Field.add(rhs, CURVE_B, rhs);
    if (!Nat256.eq(lhs, rhs)) {
      throw new CryptoFormatException("not a point of P-256: (x, y) is not on the curve");
    }
    return new Point(
        Group.CURVE.createPoint(
            new BigInteger(1, Arrays.copyOfRange(bytes, 1, 33)),
            new BigInteger(1, Arrays.copyOfRange(bytes, 33, 65))));
  }

  private static final int[] FIELD_P = Nat256.fromBigInteger(SecP256R1FieldElement.Q);

  /** P-256's b (SEC 2), written out so that this class's set-up never waits on {@link Group}'s. */
  private static final int[] CURVE_B =
      Nat256.fromBigInteger(
          new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16));

  /** 32 big-endian bytes from {@code off} as eight little-endian 32-bit limbs. */
  private static int[] limbs(byte[] bytes, int off) {
    int[] z = Nat256.create();
    for (int i = 0; i < 8; i++) {
      z[7 - i] = Pack.bigEndianToInt(bytes, off + 4 * i);
    }
    return z;
  }

  public static Point fromHex(String hex) {
    return decode(HexFormat.of().parseHex(hex));
  }

  ECPoint raw() {
    return p;
  }

  public Point add(Point o) {
    return new Point(p.add(o.p));
  }

  public Point subtract(Point o) {
    return new Point(p.subtract(o.p));
  }

  public Point negate() {
    return new Point(p.negate());
  }

  /** Variable-base multiplication (slow path: verification that cannot be batched). */
  public Point multiply(Scalar k) {
    return new Point(p.multiply(k.value()));
  }

  public boolean isIdentity() {
    return p.isInfinity();
  }

  /** This point in affine form (one field inversion); encoding needs it. */
  public Point normalize() {
    return p.isNormalized() ? this : new Point(p.normalize());
  }

  /** Normalizes many points with one inversion (Montgomery's trick, by Bouncy Castle). */
  public static void normalizeAll(Point[] points) {
    normalizeAll(List.<Point[]>of(points));
  }

  /**
   * Normalizes the points of every array in place, all with one field inversion (a ballot's
   * ciphertexts, or all its proof commitments).
   */
  public static void normalizeAll(List<Point[]> groups) {
    int n = 0;
    for (Point[] g : groups) {
      n += g.length;
    }
    ECPoint[] raw = new ECPoint[n];
    int at = 0;
    for (Point[] g : groups) {
      for (Point p : g) {
        raw[at++] = p.p;
      }
    }
    Group.CURVE.normalizeAll(raw);
    at = 0;
    for (Point[] g : groups) {
      for (int i = 0; i < g.length; i++) {
        g[i] = new Point(raw[at++]);
      }
    }
  }

  @Override
  public byte[] toBytes() {
    if (p.isInfinity()) {
      throw new IllegalStateException("the identity has no encoding");
    }
    return p.getEncoded(false);
  }

  public String toHex() {
    return HexFormat.of().formatHex(toBytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Point q && p.equals(q.p);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(normalize().toBytes());
  }

  @Override
  public String toString() {
    return p.isInfinity() ? "Point[identity]" : "Point[" + toHex() + "]";
  }
}
