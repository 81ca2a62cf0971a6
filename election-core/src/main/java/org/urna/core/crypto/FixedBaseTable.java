package org.urna.core.crypto;

import java.nio.ByteBuffer;
import org.bouncycastle.math.ec.ECLookupTable;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Precomputed multiples of one fixed base B for fast k·B (spec 6.4, an implementation choice that
 * does not change any output). The scalar is written in signed digits of w bits, {@code k = sum_i
 * d_i·2^(w·i)} with {@code -2^(w-1) < d_i <= 2^(w-1)}, and window i holds {@code j·2^(w·i)·B} for
 * {@code j = 1..2^(w-1)} in affine form; a negative digit negates the looked-up point (free). So
 * k·B is at most {@code ceil(257/w)} mixed additions of Bouncy Castle points and nothing else.
 *
 * <p>Each window is a Bouncy Castle {@link ECLookupTable}: the coordinates of all its points in one
 * flat {@code int[]}, 64 bytes a point, instead of an object graph of field elements. At the
 * default w = 12 that is 22 windows × 2,048 points, 2.75 MiB per base.
 *
 * <p>The table index, the sign and the skip of zero digits depend on secret nonce bits; the kiosk
 * runs no foreign code beside it, so cache timing is outside its threat model (docs/decisions/0004
 * and 0006).
 */
public final class FixedBaseTable {
  /** The window width used by {@link Group} and {@link ElectionKey}. */
  public static final int DEFAULT_WINDOW_BITS = 12;

  private final Point base;
  private final int w;
  private final int half;
  private final ECLookupTable[] windows;

  public FixedBaseTable(Point base) {
    this(base, DEFAULT_WINDOW_BITS);
  }

  /** A table with windows of {@code windowBits} bits (4..16): 2^(w-1) points a window. */
  public FixedBaseTable(Point base, int windowBits) {
    if (windowBits < 4 || windowBits > 16) {
      throw new IllegalArgumentException("window width must be 4..16 bits");
    }
    if (base.isIdentity()) {
      throw new IllegalArgumentException("the identity is not a base");
    }
    this.base = base;
    this.w = windowBits;
    this.half = 1 << (w - 1);
    int count = (256 + 1 + w - 1) / w; // one bit more than n for the last carry
    this.windows = new ECLookupTable[count];
    ECPoint[] all = new ECPoint[count * half];
    ECPoint windowBase = base.raw().normalize();
    int idx = 0;
    for (int i = 0; i < count; i++) {
      ECPoint acc = windowBase;
      all[idx++] = acc;
      for (int j = 2; j <= half; j++) {
        acc = acc.add(windowBase);
        all[idx++] = acc;
      }
      windowBase = acc.twice().normalize(); // 2·2^(w-1)·B_i = 2^w·B_i = B_(i+1)
    }
    Group.CURVE.normalizeAll(all);
    for (int i = 0; i < count; i++) {
      windows[i] = Group.CURVE.createCacheSafeLookupTable(all, i * half, half);
    }
  }

  public Point base() {
    return base;
  }

  /** The window width in bits. */
  public int windowBits() {
    return w;
  }

  /** How many points the table holds (64 bytes of coordinates each). */
  public int size() {
    return windows.length * half;
  }

  /** k·B (Jacobian coordinates: normalize before encoding, ideally many at once). */
  public Point multiply(Scalar k) {
    return new Point(multiplyRaw(k));
  }

  ECPoint multiplyRaw(Scalar k) {
    long[] limbs = limbs(k.toBytes());
    ECPoint acc = null;
    int carry = 0;
    for (int i = 0; i < windows.length; i++) {
      int d = bits(limbs, i * w, w) + carry;
      if (d > half) {
        d -= 1 << w;
        carry = 1;
      } else {
        carry = 0;
      }
      if (d != 0) {
        ECPoint p = d > 0 ? windows[i].lookupVar(d - 1) : windows[i].lookupVar(-d - 1).negate();
        acc = acc == null ? p : acc.add(p);
      }
    }
    return acc == null ? Group.infinity() : acc;
  }

  /** A 32-byte big-endian scalar as four 64-bit limbs, least significant first. */
  private static long[] limbs(byte[] be) {
    ByteBuffer buf = ByteBuffer.wrap(be);
    long[] out = new long[4];
    for (int i = 0; i < 4; i++) {
      out[3 - i] = buf.getLong(8 * i);
    }
    return out;
  }

  /** Bits {@code [pos, pos + width)} of the limbs (zero above bit 255). */
  private static int bits(long[] limbs, int pos, int width) {
    int limb = pos >>> 6;
    int off = pos & 63;
    if (limb >= limbs.length) {
      return 0;
    }
    long v = limbs[limb] >>> off;
    if (off + width > 64 && limb + 1 < limbs.length) {
      v |= limbs[limb + 1] << (64 - off);
    }
    return (int) (v & ((1L << width) - 1));
  }
}
