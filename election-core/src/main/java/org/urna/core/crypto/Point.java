package org.urna.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.math.ec.ECPoint;

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

  /** Decodes 65 bytes; refuses compressed forms, the identity and points off the curve. */
  public static Point decode(byte[] bytes) {
    if (bytes.length != BYTES || bytes[0] != 0x04) {
      throw new CryptoFormatException("a point is 65 bytes starting 04 (uncompressed)");
    }
    ECPoint q;
    try {
      q = Group.CURVE.decodePoint(bytes);
    } catch (IllegalArgumentException e) {
      throw new CryptoFormatException("not a point of P-256: " + e.getMessage());
    }
    if (q.isInfinity()) {
      throw new CryptoFormatException("the identity is not a valid point here");
    }
    return new Point(q);
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
