package org.urna.core.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Multi-scalar multiplication {@code sum(k_i·P_i)} for large batches by Pippenger's bucket method
 * (spec 6.2, decisions 0410 and 0413): the buckets are filled and summed by batched affine
 * additions on Bouncy Castle's field arithmetic ({@link AffineBatch}), the window sums combined
 * with Bouncy Castle's points. Small inputs go to Bouncy Castle's interleaved wNAF, which is faster
 * below a few hundred points.
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
          points[i].isInfinity()
              ? BigInteger.ZERO
              : ks[i].signum() < 0 || ks[i].compareTo(Group.ORDER) >= 0
                  ? ks[i].mod(Group.ORDER)
                  : ks[i];
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
    return bucketSums(points, negated, digits, c, windows);
  }

  /**
   * Σ_w 2^(c·w)·Σ_b (b+1)·bucket(w, b), every bucket accumulated and every window's buckets summed
   * by batched affine additions ({@link AffineBatch}).
   */
  private static ECPoint bucketSums(
      ECPoint[] points, boolean[] negated, short[] digits, int c, int windows) {
    int n = points.length;
    // affine coordinates of the (possibly negated) points, and -y for negative digits
    int[] px = new int[8 * n];
    int[] py = new int[8 * n];
    int[] ny = new int[8 * n];
    for (int i = 0; i < n; i++) {
      if (points[i].isInfinity()) {
        continue; // its digits are all zero (see sumOfMultiplies)
      }
      AffineBatch.put(points[i], px, py, i);
      AffineBatch.negateY(py, i, ny, i);
      if (negated[i]) {
        int[] t = new int[8];
        System.arraycopy(py, 8 * i, t, 0, 8);
        System.arraycopy(ny, 8 * i, py, 8 * i, 8);
        System.arraycopy(t, 0, ny, 8 * i, 8);
      }
    }
    int buckets = 1 << (c - 1);
    AffineBatch batch = new AffineBatch();
    // one window's points, grouped by bucket
    int[] x = new int[8 * n];
    int[] y = new int[8 * n];
    boolean[] inf = new boolean[n];
    int[] start = new int[buckets + 1];
    int[] fill = new int[buckets];
    int[] pa = new int[Math.max(n, 2 * windows)];
    int[] pb = new int[pa.length];
    // every window's bucket totals (window w, bucket b at w·buckets + b), then the running and
    // the window sums
    int slots = windows * buckets;
    int[] rx = new int[8 * (slots + 2 * windows)];
    int[] ry = new int[rx.length];
    boolean[] rinf = new boolean[slots + 2 * windows];
    java.util.Arrays.fill(rinf, true);
    for (int w = 0; w < windows; w++) {
      java.util.Arrays.fill(start, 0);
      for (int i = 0, at = w; i < n; i++, at += windows) {
        int d = digits[at];
        if (d != 0) {
          start[Math.abs(d)]++; // bucket |d|-1 counted at index |d|, so start becomes offsets
        }
      }
      int longest = 0;
      for (int b = 0; b < buckets; b++) {
        longest = Math.max(longest, start[b + 1]);
        start[b + 1] += start[b];
      }
      System.arraycopy(start, 0, fill, 0, buckets);
      for (int i = 0, at = w; i < n; i++, at += windows) {
        int d = digits[at];
        if (d != 0) {
          int slot = fill[Math.abs(d) - 1]++;
          System.arraycopy(px, 8 * i, x, 8 * slot, 8);
          System.arraycopy(d > 0 ? py : ny, 8 * i, y, 8 * slot, 8);
          inf[slot] = false;
        }
      }
      // each bucket's points summed as a tree: round r adds the point 2^r further on
      for (int stride = 1; stride < longest; stride *= 2) {
        int t = 0;
        for (int b = 0; b < buckets; b++) {
          int end = start[b + 1];
          for (int k = start[b]; k + stride < end; k += 2 * stride) {
            pa[t] = k;
            pb[t] = k + stride;
            t++;
          }
        }
        batch.addPairs(x, y, inf, pa, pb, t);
      }
      for (int b = 0; b < buckets; b++) {
        if (start[b + 1] > start[b] && !inf[start[b]]) {
          int slot = w * buckets + b;
          System.arraycopy(x, 8 * start[b], rx, 8 * slot, 8);
          System.arraycopy(y, 8 * start[b], ry, 8 * slot, 8);
          rinf[slot] = false;
        }
      }
    }
    // every window at once, top bucket first: sum += running, then running += bucket, so that
    // sum ends as Σ (b+1)·bucket(b) after a last sum += running
    int running = slots;
    int sum = slots + windows;
    for (int b = buckets - 1; b >= -1; b--) {
      int t = 0;
      for (int w = 0; w < windows; w++) {
        pa[t] = sum + w;
        pb[t] = running + w;
        t++;
      }
      if (b >= 0) {
        for (int w = 0; w < windows; w++) {
          pa[t] = running + w;
          pb[t] = w * buckets + b;
          t++;
        }
      }
      batch.addPairs(rx, ry, rinf, pa, pb, t);
    }
    ECPoint result = Group.infinity();
    for (int w = windows - 1; w >= 0; w--) {
      result = result.timesPow2(c).add(AffineBatch.get(rx, ry, rinf, sum + w));
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
