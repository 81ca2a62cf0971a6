package org.urna.core.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Multi-scalar multiplication {@code sum(k_i·P_i)} for large batches by Pippenger's bucket method,
 * built on Bouncy Castle's point arithmetic (spec 6.2, decision 0409). Small inputs go to Bouncy
 * Castle's interleaved wNAF, which is faster below a few hundred points.
 *
 * <p>Three things keep the number of additions down:
 *
 * <ul>
 *   <li>A scalar above n/2 is replaced by {@code n - k} on the negated point ({@code k·P = (n -
 *       k)·(-P)}), so a weight times {@code -1} (every proof commitment's term) costs a 129-bit
 *       scalar, not a 256-bit one.
 *   <li>Scalars are written in signed digits of c bits ({@code -2^(c-1) <= d < 2^(c-1)}, a negative
 *       digit adds the negated point), so each window has 2^(c-1) buckets instead of 2^c.
 *   <li>c is chosen from the actual scalar lengths: the count of bucket additions (one mixed
 *       addition per non-zero digit, the points being affine) plus the cost of summing the buckets
 *       of every window (2·2^(c-1) full additions each) is minimised.
 * </ul>
 */
final class Pippenger {
  static final int THRESHOLD = 256;

  /** A full (Jacobian + Jacobian) addition costs about this many mixed ones (16M vs 11M). */
  private static final double FULL_ADD = 1.4;

  private static final BigInteger HALF_ORDER = Group.ORDER.shiftRight(1);

  private Pippenger() {}

  static ECPoint sumOfMultiplies(ECPoint[] ps, BigInteger[] ks) {
    int n = ps.length;
    if (n < THRESHOLD) {
      return ECAlgorithms.sumOfMultiplies(ps, ks);
    }
    ECPoint[] points = ps.clone();
    Group.CURVE.normalizeAll(points);
    byte[][] scalars = new byte[n][];
    boolean[] negated = new boolean[n];
    int[] bits = new int[n];
    int maxBits = 0;
    for (int i = 0; i < n; i++) {
      BigInteger k =
          ks[i].signum() < 0 || ks[i].compareTo(Group.ORDER) >= 0 ? ks[i].mod(Group.ORDER) : ks[i];
      if (k.compareTo(HALF_ORDER) > 0) {
        k = Group.ORDER.subtract(k);
        negated[i] = true;
      }
      bits[i] = k.bitLength();
      maxBits = Math.max(maxBits, bits[i]);
      scalars[i] = toBytes32(k);
    }
    if (maxBits == 0) {
      return Group.infinity();
    }
    int c = windowBits(bits, maxBits);
    int windows = maxBits / c + 1; // signed digits may carry one past the top bit
    short[] digits = new short[n * windows];
    for (int i = 0; i < n; i++) {
      signedDigits(scalars[i], c, windows, digits, i * windows);
    }
    ECPoint[] pos = new ECPoint[n];
    ECPoint[] neg = new ECPoint[n];
    for (int i = 0; i < n; i++) {
      pos[i] = negated[i] ? points[i].negate() : points[i];
      neg[i] = pos[i].negate();
    }
    ECPoint result = Group.infinity();
    ECPoint[] buckets = new ECPoint[1 << (c - 1)];
    for (int w = windows - 1; w >= 0; w--) {
      for (int i = 0; i < c; i++) {
        result = result.twice();
      }
      Arrays.fill(buckets, null);
      int top = -1;
      for (int i = 0, at = w; i < n; i++, at += windows) {
        int d = digits[at];
        if (d == 0) {
          continue;
        }
        ECPoint p;
        int b;
        if (d > 0) {
          p = pos[i];
          b = d - 1;
        } else {
          p = neg[i];
          b = -d - 1;
        }
        buckets[b] = buckets[b] == null ? p : buckets[b].add(p);
        top = Math.max(top, b);
      }
      ECPoint running = Group.infinity();
      ECPoint sum = Group.infinity();
      for (int b = top; b >= 0; b--) {
        if (buckets[b] != null) {
          running = running.add(buckets[b]);
        }
        sum = sum.add(running);
      }
      result = result.add(sum);
    }
    return result;
  }

  /**
   * The window width c (2..16) minimising the estimated additions for scalars of these bit lengths:
   * about {@code (bits_i + 1)/c} non-zero digits each, plus {@code 2^c} full additions a window.
   */
  static int windowBits(int[] bits, int maxBits) {
    int[] histogram = new int[maxBits + 1];
    for (int b : bits) {
      histogram[b]++;
    }
    int best = 2;
    double bestCost = Double.MAX_VALUE;
    for (int c = 2; c <= 16; c++) {
      double digits = 0;
      for (int b = 1; b <= maxBits; b++) {
        digits += histogram[b] * ((double) (b + 1) / c);
      }
      int windows = maxBits / c + 1;
      double cost = digits + windows * (double) (1 << c) * FULL_ADD;
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
      }
    }
    return best;
  }

  /** The same as {@link #windowBits(int[], int)} for n scalars of 256 bits (tests, estimates). */
  static int windowBits(int n) {
    int[] bits = new int[n];
    Arrays.fill(bits, 256);
    return windowBits(bits, 256);
  }

  private static byte[] toBytes32(BigInteger k) {
    byte[] raw = k.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }

  /**
   * Writes {@code k = sum d_j·2^(c·j)} with {@code -2^(c-1) <= d_j < 2^(c-1)} into {@code out[at ..
   * at + windows)}, the top digit in {@code [0, 2^(c-1)]} (it takes the last carry); k is 32 bytes
   * big-endian and below {@code 2^(c·(windows - 1) + c - 1)}, so {@code windows = bits/c + 1}
   * suffices. Every |digit| is at most 2^(c-1), the number of buckets.
   */
  static void signedDigits(byte[] be, int c, int windows, short[] out, int at) {
    int half = 1 << (c - 1);
    int carry = 0;
    for (int j = 0; j < windows; j++) {
      int d = digit(be, j * c, c) + carry;
      if (d >= half && j < windows - 1) {
        d -= 1 << c;
        carry = 1;
      } else {
        carry = 0;
      }
      out[at + j] = (short) d;
    }
    if (out[at + windows - 1] > half) {
      throw new IllegalArgumentException("scalar too long for " + windows + " windows of " + c);
    }
  }

  /** Bits {@code [from, from + c)} of a 32-byte big-endian scalar (bit 0 the least significant). */
  static int digit(byte[] be, int from, int c) {
    int value = 0;
    int firstByte = from >>> 3;
    int lastByte = Math.min(31, (from + c - 1) >>> 3);
    for (int b = lastByte; b >= firstByte; b--) {
      value = (value << 8) | (be[31 - b] & 0xff);
    }
    if (firstByte > 31) {
      return 0;
    }
    return (value >>> (from & 7)) & ((1 << c) - 1);
  }
}
