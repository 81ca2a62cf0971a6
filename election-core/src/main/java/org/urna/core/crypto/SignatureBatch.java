package org.urna.core.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Many Ed25519 signatures checked at once (spec 2.3 and 6.5, decision 0414): the cofactorless
 * equations {@code [S_i]B = R_i + [k_i]A_i} of every signature, each weighted by a fresh random
 * 128-bit {@code z_i}, summed into one:
 *
 * <pre>
 *   Σ z_i·R_i + Σ_A (Σ_{i signed by A} z_i·k_i)·A − (Σ z_i·S_i)·B = O
 * </pre>
 *
 * If every signature verifies, the sum is the identity. If one does not, the sum is the identity
 * only when the weights happen to cancel its error, with probability about 2^-128 for an error in
 * the prime-order group (a signature whose R carries a small-order component, which no RFC 8032
 * signer makes, can pass when its weight kills that component; spec 2.3 names this edge). Every
 * refusal of spec 2.3 that needs no equation (S not below ℓ, R not a canonical encoding of a curve
 * point, x = 0 with the sign bit set) makes {@link #verifies()} false, as does any failing
 * equation; {@link #failing()} then checks the signatures one by one ({@link
 * VerifyingKey#verifies}) to name them.
 *
 * <p>The sum of the {@code z_i·R_i} is one multi-scalar multiplication by Pippenger's bucket method
 * on edwards25519 in extended coordinates, on Bouncy Castle's field arithmetic ({@link
 * X25519Field}, ten 25/26-bit limbs); the few keys and the base point by double-and-add. The
 * addition formulas (Hisil, Wong, Carter and Dawson 2008, a = −1) are complete on edwards25519, so
 * no case is exceptional. Every operand is public: nothing here is constant-time.
 */
public final class SignatureBatch {
  /** The prime order ℓ of the base point, 2^252 + 27742317777372353535851937790883648493. */
  static final BigInteger L =
      BigInteger.ONE.shiftLeft(252).add(new BigInteger("27742317777372353535851937790883648493"));

  private static final BigInteger P =
      BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
  private static final int[] D = limbs(dConstant());

  /** 2d, the constant of the addition formulas. */
  static final int[] D2 = limbs(dConstant().shiftLeft(1).mod(P));

  private static final byte[] B_ENCODED =
      HexFormat.of().parseHex("5866666666666666666666666666666666666666666666666666666666666666");
  private static final SecureRandom WEIGHTS = new SecureRandom();

  private final List<Signature> signatures = new ArrayList<>();
  private final List<byte[]> messages = new ArrayList<>();
  private final List<VerifyingKey> keys = new ArrayList<>();

  /** Adds a signature of {@code message} to check with {@code key}. */
  public void add(VerifyingKey key, byte[] message, Signature signature) {
    keys.add(key);
    messages.add(message);
    signatures.add(signature);
  }

  public int size() {
    return signatures.size();
  }

  /**
   * The positions, in the order added, of the signatures that do not verify: none when the batch
   * holds, else each signature checked alone, so the answer for a bad one is the single check's.
   */
  public List<Integer> failing() {
    if (verifies()) {
      return List.of();
    }
    List<Integer> bad = new ArrayList<>();
    for (int i = 0; i < signatures.size(); i++) {
      if (!keys.get(i).verifies(messages.get(i), signatures.get(i))) {
        bad.add(i);
      }
    }
    return bad;
  }

  /**
   * True when every signature added verifies; false when at least one does not (with the
   * probability stated above for a bad one to pass unseen).
   */
  public boolean verifies() {
    int n = signatures.size();
    if (n == 0) {
      return true;
    }
    byte[] weights = new byte[16 * n];
    WEIGHTS.nextBytes(weights);
    MessageDigest sha512 = sha512();
    Map<VerifyingKey, BigInteger> keyScalars = new LinkedHashMap<>();
    Map<VerifyingKey, byte[]> keyBytes = new LinkedHashMap<>();
    BigInteger sumS = BigInteger.ZERO;
    int[][] ypx = new int[n][];
    int[][] ymx = new int[n][];
    int[][] xy2d = new int[n][];
    byte[][] z = new byte[n][];
    int[] x = X25519Field.create();
    int[] y = X25519Field.create();
    for (int i = 0; i < n; i++) {
      byte[] sig = signatures.get(i).bytes();
      BigInteger s = littleEndian(sig, 32, 32);
      if (s.compareTo(L) >= 0 || !decode(sig, 0, x, y)) {
        return false;
      }
      VerifyingKey key = keys.get(i);
      byte[] a = keyBytes.computeIfAbsent(key, VerifyingKey::toBytes);
      sha512.update(sig, 0, 32);
      sha512.update(a);
      sha512.update(messages.get(i));
      BigInteger k = littleEndian(sha512.digest(), 0, 64).mod(L);
      byte[] zi = new byte[32];
      System.arraycopy(weights, 16 * i, zi, 16, 16);
      z[i] = zi;
      BigInteger w = new BigInteger(1, zi);
      sumS = sumS.add(w.multiply(s));
      keyScalars.merge(key, w.multiply(k), BigInteger::add);
      ypx[i] = X25519Field.create();
      ymx[i] = X25519Field.create();
      xy2d[i] = X25519Field.create();
      niels(x, y, ypx[i], ymx[i], xy2d[i]);
    }
    Ext sum = bucketSum(ypx, ymx, xy2d, z);
    Ext t = new Ext();
    for (Map.Entry<VerifyingKey, BigInteger> e : keyScalars.entrySet()) {
      if (!decode(keyBytes.get(e.getKey()), 0, x, y)) {
        return false; // a key that passed VerifyingKey.decode always decodes
      }
      multiply(Ext.of(x, y), e.getValue().mod(L), t);
      add(sum, t, sum);
    }
    decode(B_ENCODED, 0, x, y);
    multiply(Ext.of(x, y), L.subtract(sumS.mod(L)).mod(L), t);
    add(sum, t, sum);
    return sum.isIdentity();
  }

  // ---------------------------------------------------------------- encodings

  /**
   * Decodes a 32-byte point encoding (RFC 8032 5.1.3) into affine x and y, strictly as spec 2.3:
   * false for y ≥ p, for a y with no x on the curve, and for x = 0 with the sign bit set.
   */
  static boolean decode(byte[] enc, int off, int[] x, int[] y) {
    int sign = (enc[off + 31] >>> 7) & 1;
    if (!canonical(enc, off)) {
      return false;
    }
    X25519Field.decode(enc, off, y); // drops bit 255, the sign of x
    int[] u = X25519Field.create();
    int[] v = X25519Field.create();
    X25519Field.sqr(y, u);
    X25519Field.mul(D, u, v);
    X25519Field.subOne(u); // u = y² − 1
    X25519Field.addOne(v); // v = d·y² + 1
    if (!X25519Field.sqrtRatioVar(u, v, x)) {
      return false;
    }
    X25519Field.normalize(x);
    if (X25519Field.isZeroVar(x) && sign == 1) {
      return false;
    }
    if ((x[0] & 1) != sign) {
      X25519Field.negate(x, x); // small negative limbs: an input of the formulas, never encoded
    }
    return true;
  }

  /** True when the 255 low bits, read little-endian, are below p = 2^255 − 19. */
  private static boolean canonical(byte[] enc, int off) {
    if ((enc[off + 31] & 0x7f) != 0x7f) {
      return true;
    }
    for (int i = 30; i >= 1; i--) {
      if ((enc[off + i] & 0xff) != 0xff) {
        return true;
      }
    }
    return (enc[off] & 0xff) < 0xed;
  }

  /** The 32-byte encoding of a point (RFC 8032 5.1.2). */
  static byte[] encode(Ext p) {
    int[] zInv = X25519Field.create();
    int[] x = X25519Field.create();
    int[] y = X25519Field.create();
    X25519Field.inv(p.z, zInv);
    X25519Field.mul(p.x, zInv, x);
    X25519Field.mul(p.y, zInv, y);
    X25519Field.normalize(x);
    X25519Field.normalize(y);
    byte[] out = new byte[32];
    X25519Field.encode(y, out, 0);
    out[31] |= (byte) ((x[0] & 1) << 7);
    return out;
  }

  /** The base point B (RFC 8032 5.1). */
  static Ext base() {
    int[] x = X25519Field.create();
    int[] y = X25519Field.create();
    decode(B_ENCODED, 0, x, y);
    return Ext.of(x, y);
  }

  // ---------------------------------------------------------------- the group law

  /** A point in extended coordinates (X : Y : Z : T), x = X/Z, y = Y/Z, x·y = T/Z. */
  static final class Ext {
    final int[] x = X25519Field.create();
    final int[] y = X25519Field.create();
    final int[] z = X25519Field.create();
    final int[] t = X25519Field.create();

    Ext() {
      setIdentity();
    }

    static Ext of(int[] ax, int[] ay) {
      Ext p = new Ext();
      X25519Field.copy(ax, 0, p.x, 0);
      X25519Field.copy(ay, 0, p.y, 0);
      X25519Field.one(p.z);
      X25519Field.mul(ax, ay, p.t);
      return p;
    }

    void setIdentity() {
      X25519Field.zero(x);
      X25519Field.one(y);
      X25519Field.one(z);
      X25519Field.zero(t);
    }

    void set(Ext o) {
      X25519Field.copy(o.x, 0, x, 0);
      X25519Field.copy(o.y, 0, y, 0);
      X25519Field.copy(o.z, 0, z, 0);
      X25519Field.copy(o.t, 0, t, 0);
    }

    /** X = 0 and Y = Z, modulo p (X, Y and Z are products, which normalize takes). */
    boolean isIdentity() {
      int[] a = x.clone();
      int[] b = y.clone();
      int[] c = z.clone();
      X25519Field.normalize(a);
      X25519Field.normalize(b);
      X25519Field.normalize(c);
      return X25519Field.isZeroVar(a) && X25519Field.areEqualVar(b, c);
    }
  }

  /** Scratch values of the formulas, one set per thread of work. */
  private static final class Scratch {
    final int[] a = X25519Field.create();
    final int[] b = X25519Field.create();
    final int[] c = X25519Field.create();
    final int[] d = X25519Field.create();
    final int[] e = X25519Field.create();
    final int[] f = X25519Field.create();
    final int[] g = X25519Field.create();
    final int[] h = X25519Field.create();
  }

  /** The precomputed form of an affine point: y + x, y − x and 2d·x·y. */
  private static void niels(int[] x, int[] y, int[] ypx, int[] ymx, int[] xy2d) {
    X25519Field.apm(y, x, ypx, ymx);
    X25519Field.carry(ypx);
    X25519Field.carry(ymx);
    X25519Field.mul(x, y, xy2d);
    X25519Field.mul(xy2d, D2, xy2d);
  }

  /**
   * r = p + q for q given by its precomputed form, or p − q when {@code negate} (−(x, y) = (−x, y)
   * swaps y + x and y − x and negates 2d·x·y). p and r may be the same object.
   */
  private static void addNiels(
      Ext p, int[] ypx, int[] ymx, int[] xy2d, boolean negate, Ext r, Scratch s) {
    X25519Field.apm(p.y, p.x, s.b, s.a); // b = Y + X, a = Y − X
    X25519Field.mul(s.a, negate ? ypx : ymx, s.a);
    X25519Field.mul(s.b, negate ? ymx : ypx, s.b);
    X25519Field.mul(p.t, xy2d, s.c);
    if (negate) {
      X25519Field.negate(s.c, s.c);
    }
    X25519Field.add(p.z, p.z, s.d);
    finish(s, r);
  }

  /** r = p + q (full addition, 9 multiplications); r may be p or q. */
  static void add(Ext p, Ext q, Ext r) {
    Scratch s = new Scratch();
    add(p, q, r, s);
  }

  private static void add(Ext p, Ext q, Ext r, Scratch s) {
    X25519Field.apm(p.y, p.x, s.b, s.a);
    X25519Field.apm(q.y, q.x, s.f, s.e);
    X25519Field.mul(s.a, s.e, s.a);
    X25519Field.mul(s.b, s.f, s.b);
    X25519Field.mul(p.t, q.t, s.c);
    X25519Field.mul(s.c, D2, s.c);
    X25519Field.mul(p.z, q.z, s.d);
    X25519Field.add(s.d, s.d, s.d);
    finish(s, r);
  }

  /** The common end of both additions: from A, B, C, D to X3 = EF, Y3 = GH, Z3 = FG, T3 = EH. */
  private static void finish(Scratch s, Ext r) {
    X25519Field.apm(s.b, s.a, s.h, s.e); // H = B + A, E = B − A
    X25519Field.apm(s.d, s.c, s.g, s.f); // G = D + C, F = D − C
    output(s, r);
  }

  /** The end of every formula: E, F, G, H carried, then X3 = EF, Y3 = GH, Z3 = FG, T3 = EH. */
  private static void output(Scratch s, Ext r) {
    X25519Field.carry(s.e);
    X25519Field.carry(s.f);
    X25519Field.carry(s.g);
    X25519Field.carry(s.h);
    X25519Field.mul(s.e, s.f, r.x);
    X25519Field.mul(s.g, s.h, r.y);
    X25519Field.mul(s.f, s.g, r.z);
    X25519Field.mul(s.e, s.h, r.t);
  }

  /** r = 2p (Hisil et al., dbl-2008-hwcd with a = −1); r may be p. */
  private static void twice(Ext p, Ext r, Scratch s) {
    X25519Field.sqr(p.x, s.a); // A = X²
    X25519Field.sqr(p.y, s.b); // B = Y²
    X25519Field.sqr(p.z, s.c);
    X25519Field.add(s.c, s.c, s.c); // C = 2Z²
    X25519Field.add(p.x, p.y, s.e);
    X25519Field.sqr(s.e, s.e);
    X25519Field.sub(s.e, s.a, s.e);
    X25519Field.sub(s.e, s.b, s.e); // E = (X + Y)² − A − B
    X25519Field.sub(s.b, s.a, s.g); // G = −A + B
    X25519Field.sub(s.g, s.c, s.f); // F = G − C
    X25519Field.add(s.a, s.b, s.h);
    X25519Field.negate(s.h, s.h); // H = −A − B
    output(s, r);
  }

  /** r = k·p by double-and-add (a few per batch: the keys and the base point); r is not p. */
  static void multiply(Ext p, BigInteger k, Ext r) {
    Scratch s = new Scratch();
    r.setIdentity();
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      twice(r, r, s);
      if (k.testBit(i)) {
        add(r, p, r, s);
      }
    }
  }

  /**
   * Σ z_i·P_i for points given by their precomputed forms and 32-byte big-endian scalars below
   * 2^128, by Pippenger's bucket method with signed digits ({@link Pippenger#signedDigits}).
   */
  static Ext bucketSum(int[][] ypx, int[][] ymx, int[][] xy2d, byte[][] z) {
    int n = ypx.length;
    int c = windowBits(n);
    int windows = 128 / c + 1;
    short[] digits = new short[n * windows];
    for (int i = 0; i < n; i++) {
      Pippenger.signedDigits(z[i], c, windows, digits, i * windows);
    }
    int count = 1 << (c - 1);
    Ext[] buckets = new Ext[count];
    boolean[] used = new boolean[count];
    for (int b = 0; b < count; b++) {
      buckets[b] = new Ext();
    }
    Scratch s = new Scratch();
    Ext result = new Ext();
    Ext running = new Ext();
    Ext windowSum = new Ext();
    for (int w = windows - 1; w >= 0; w--) {
      for (int j = 0; j < c; j++) {
        twice(result, result, s);
      }
      java.util.Arrays.fill(used, false);
      for (int i = 0, at = w; i < n; i++, at += windows) {
        int d = digits[at];
        if (d != 0) {
          int b = Math.abs(d) - 1;
          if (!used[b]) {
            buckets[b].setIdentity();
            used[b] = true;
          }
          addNiels(buckets[b], ypx[i], ymx[i], xy2d[i], d < 0, buckets[b], s);
        }
      }
      running.setIdentity();
      windowSum.setIdentity();
      for (int b = count - 1; b >= 0; b--) {
        if (used[b]) {
          add(running, buckets[b], running, s);
        }
        add(windowSum, running, windowSum, s);
      }
      add(result, windowSum, result, s);
    }
    return result;
  }

  /**
   * The window width for n scalars of 128 bits: the fewest multiplications by the estimate of 7 a
   * bucket addition (one per non-zero digit) and 2·9 a bucket in each window's running sums.
   */
  static int windowBits(int n) {
    int best = 2;
    double bestCost = Double.MAX_VALUE;
    for (int c = 2; c <= 16; c++) {
      int windows = 128 / c + 1;
      double cost = 7.0 * n * windows + 18.0 * windows * (1 << (c - 1));
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- helpers

  private static BigInteger dConstant() {
    // d = −121665/121666 mod p
    return BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
  }

  private static int[] limbs(BigInteger v) {
    byte[] be = v.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < Math.min(32, be.length); i++) {
      le[i] = be[be.length - 1 - i];
    }
    int[] out = X25519Field.create();
    X25519Field.decode(le, 0, out);
    return out;
  }

  private static BigInteger littleEndian(byte[] bytes, int off, int len) {
    byte[] be = new byte[len];
    for (int i = 0; i < len; i++) {
      be[i] = bytes[off + len - 1 - i];
    }
    return new BigInteger(1, be);
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is missing from this Java", e);
    }
  }
}
