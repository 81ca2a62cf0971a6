package org.urna.core.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Multi-scalar multiplication {@code sum(k_i·P_i)} for large batches by Pippenger's bucket method,
 * built on Bouncy Castle's point arithmetic (spec 6.2). For windows of c bits each point costs one
 * addition per window its scalar reaches (129-bit weights reach about 129/c windows), and each
 * window costs 2·2^c additions to sum its buckets. Small inputs go to Bouncy Castle's interleaved
 * wNAF, which is faster below a few hundred points.
 */
final class Pippenger {
  static final int THRESHOLD = 256;

  private Pippenger() {}

  static ECPoint sumOfMultiplies(ECPoint[] ps, BigInteger[] ks) {
    int n = ps.length;
    if (n < THRESHOLD) {
      return ECAlgorithms.sumOfMultiplies(ps, ks);
    }
    ECPoint[] points = ps.clone();
    Group.CURVE.normalizeAll(points);
    byte[][] scalars = new byte[n][];
    int maxBits = 0;
    for (int i = 0; i < n; i++) {
      scalars[i] = Scalar.of(ks[i]).toBytes();
      maxBits = Math.max(maxBits, Scalar.of(ks[i]).value().bitLength());
    }
    int c = windowBits(n);
    int windows = (maxBits + c - 1) / c;
    ECPoint result = Group.infinity();
    ECPoint[] buckets = new ECPoint[1 << c];
    for (int w = windows - 1; w >= 0; w--) {
      for (int i = 0; i < c; i++) {
        result = result.twice();
      }
      java.util.Arrays.fill(buckets, null);
      for (int i = 0; i < n; i++) {
        int d = digit(scalars[i], w * c, c);
        if (d != 0) {
          buckets[d] = buckets[d] == null ? points[i] : buckets[d].add(points[i]);
        }
      }
      ECPoint running = Group.infinity();
      ECPoint sum = Group.infinity();
      for (int d = buckets.length - 1; d >= 1; d--) {
        if (buckets[d] != null) {
          running = running.add(buckets[d]);
        }
        sum = sum.add(running);
      }
      result = result.add(sum);
    }
    return result;
  }

  /** About log2(n) - 3 bits, between 4 and 13. */
  static int windowBits(int n) {
    int log = 31 - Integer.numberOfLeadingZeros(n);
    return Math.max(4, Math.min(13, log - 2));
  }

  /** Bits {@code [from, from + c)} of a 32-byte big-endian scalar (bit 0 the least significant). */
  static int digit(byte[] be, int from, int c) {
    int value = 0;
    for (int b = c - 1; b >= 0; b--) {
      int bit = from + b;
      int bit8 = bit >>> 3;
      int v = bit8 < 32 ? (be[31 - bit8] >>> (bit & 7)) & 1 : 0;
      value = (value << 1) | v;
    }
    return value;
  }
}
