package org.urna.core.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.ec.custom.sec.SecP256R1FieldElement;
import org.bouncycastle.math.raw.Mod;
import org.bouncycastle.math.raw.Nat256;
import org.bouncycastle.util.Pack;

/**
 * Many independent additions of affine P-256 points at once, sharing one field inversion
 * (Montgomery's simultaneous inversion), on Bouncy Castle's P-256 field arithmetic ({@link
 * SecP256R1Field}, eight 32-bit limbs, always fully reduced). Only {@link Pippenger}'s bucket sums
 * use it (decision 0413): every operand there is public, so nothing here is constant-time.
 *
 * <p>Points live in a store: x of point i in {@code x[8i .. 8i+8)}, y likewise, and {@code inf[i]}
 * true for the identity (its coordinates then mean nothing). {@link #addPairs} replaces point
 * {@code a[j]} by {@code a[j] + b[j]} for every j, with the group law of y² = x³ − 3x + b:
 *
 * <ul>
 *   <li>x₁ ≠ x₂: λ = (y₂ − y₁)/(x₂ − x₁);
 *   <li>the same point (x₁ = x₂, y₁ = y₂): λ = (3x₁² − 3)/(2y₁) (P-256 has prime order, so no point
 *       has y = 0);
 *   <li>x₁ = x₂, y₁ ≠ y₂ (the point and its negation): the identity;
 *   <li>either operand the identity: the other one;
 * </ul>
 *
 * then x₃ = λ² − x₁ − x₂, y₃ = λ(x₁ − x₃) − y₁. One addition costs 6 field multiplications (3 for
 * the shared inversion, 3 for the result) against 11 for Bouncy Castle's mixed Jacobian addition,
 * plus its share of one inversion per call.
 */
final class AffineBatch {
  private static final byte GENERAL = 0;
  private static final byte DOUBLE = 1;
  private static final byte TAKE_B = 2;
  private static final byte KEEP_A = 3;
  private static final byte IDENTITY = 4;

  private static final int[] ONE = Nat256.fromBigInteger(BigInteger.ONE);
  private static final int[] P = Nat256.fromBigInteger(SecP256R1FieldElement.Q);

  private byte[] kind = new byte[0];
  private int[] den = new int[0];
  private int[] prefix = new int[0];
  private final int[] acc = Nat256.create();
  private final int[] inv = Nat256.create();
  private final int[] t0 = Nat256.create();
  private final int[] t1 = Nat256.create();
  private final int[] lambda = Nat256.create();
  private final int[] x3 = Nat256.create();
  private final int[] y3 = Nat256.create();
  private final int[] ext = Nat256.createExt();

  /**
   * For every {@code j < t}: point {@code a[j]} becomes {@code a[j] + b[j]}, the pairs taken in
   * order of j, every sum from the values before the call. So the {@code a[j]} are distinct, and
   * {@code b[j]} is never an {@code a[j']} with {@code j' < j} (it may be one with {@code j' > j}:
   * Pippenger adds the running sum to the window sum, then a bucket to the running sum, in one
   * call).
   */
  void addPairs(int[] x, int[] y, boolean[] inf, int[] a, int[] b, int t) {
    if (kind.length < t) {
      int cap = Math.max(t, kind.length * 2);
      kind = new byte[cap];
      den = new int[8 * cap];
      prefix = new int[8 * cap];
    }
    // 1. classify each pair, and write the denominator of λ where there is one
    Nat256.copy(ONE, acc);
    for (int j = 0; j < t; j++) {
      int pa = a[j];
      int pb = b[j];
      byte k;
      if (inf[pa]) {
        k = inf[pb] ? IDENTITY : TAKE_B;
      } else if (inf[pb]) {
        k = KEEP_A;
      } else if (sameX(x, pa, pb)) {
        k = sameY(y, pa, pb) ? DOUBLE : IDENTITY;
      } else {
        k = GENERAL;
      }
      kind[j] = k;
      if (k == GENERAL) {
        SecP256R1Field.subtract(coord(x, pb, t0), coord(x, pa, t1), t0);
        store(t0, den, j);
      } else if (k == DOUBLE) {
        SecP256R1Field.twice(coord(y, pa, t0), t0);
        store(t0, den, j);
      } else {
        continue;
      }
      // prefix[j] = product of the earlier denominators; acc takes this one too
      System.arraycopy(acc, 0, prefix, 8 * j, 8);
      SecP256R1Field.multiply(acc, t0, acc, ext);
    }
    // 2. one inversion; walking back, prefix[j] becomes 1/den[j]
    Mod.checkedModOddInverseVar(P, acc, inv);
    for (int j = t - 1; j >= 0; j--) {
      if (kind[j] > DOUBLE) {
        continue;
      }
      coord(prefix, j, t0);
      SecP256R1Field.multiply(t0, inv, t1, ext);
      store(t1, prefix, j);
      SecP256R1Field.multiply(inv, coord(den, j, t0), inv, ext);
    }
    // 3. the sums, in place of a[j]
    for (int j = 0; j < t; j++) {
      int pa = a[j];
      int pb = b[j];
      switch (kind[j]) {
        case KEEP_A -> {}
        case IDENTITY -> inf[pa] = true;
        case TAKE_B -> {
          System.arraycopy(x, 8 * pb, x, 8 * pa, 8);
          System.arraycopy(y, 8 * pb, y, 8 * pa, 8);
          inf[pa] = false;
        }
        default -> {
          if (kind[j] == GENERAL) {
            // λ = (y2 - y1) / (x2 - x1)
            SecP256R1Field.subtract(coord(y, pb, t0), coord(y, pa, t1), t0);
          } else {
            // λ = (3·x1² - 3) / (2·y1)
            SecP256R1Field.square(coord(x, pa, t1), t0, ext);
            SecP256R1Field.subtract(t0, ONE, t0);
            SecP256R1Field.twice(t0, t1);
            SecP256R1Field.add(t0, t1, t0);
          }
          SecP256R1Field.multiply(t0, coord(prefix, j, t1), lambda, ext);
          // x3 = λ² - x1 - x2 (x2 = x1 when doubling)
          SecP256R1Field.square(lambda, x3, ext);
          SecP256R1Field.subtract(x3, coord(x, pa, t0), x3);
          SecP256R1Field.subtract(x3, coord(x, pb, t1), x3);
          // y3 = λ·(x1 - x3) - y1
          SecP256R1Field.subtract(t0, x3, t0);
          SecP256R1Field.multiply(lambda, t0, y3, ext);
          SecP256R1Field.subtract(y3, coord(y, pa, t1), y3);
          store(x3, x, pa);
          store(y3, y, pa);
        }
      }
    }
  }

  private static boolean sameX(int[] x, int pa, int pb) {
    return sameY(x, pa, pb);
  }

  private static boolean sameY(int[] y, int pa, int pb) {
    int oa = 8 * pa;
    int ob = 8 * pb;
    for (int i = 0; i < 8; i++) {
      if (y[oa + i] != y[ob + i]) {
        return false;
      }
    }
    return true;
  }

  private static int[] coord(int[] store, int i, int[] into) {
    System.arraycopy(store, 8 * i, into, 0, 8);
    return into;
  }

  private static void store(int[] value, int[] store, int i) {
    System.arraycopy(value, 0, store, 8 * i, 8);
  }

  /** Writes the affine coordinates of a normalized point that is not the identity into slot i. */
  static void put(ECPoint p, int[] x, int[] y, int i) {
    byte[] be = new byte[32];
    p.getAffineXCoord().encodeTo(be, 0);
    limbs(be, x, i);
    p.getAffineYCoord().encodeTo(be, 0);
    limbs(be, y, i);
  }

  /** 32 bytes big-endian as eight little-endian-ordered 32-bit limbs in slot i. */
  private static void limbs(byte[] be, int[] store, int i) {
    for (int l = 0; l < 8; l++) {
      store[8 * i + l] = Pack.bigEndianToInt(be, 28 - 4 * l);
    }
  }

  /** Slot i as a Bouncy Castle point (affine). */
  static ECPoint get(int[] x, int[] y, boolean[] inf, int i) {
    if (inf[i]) {
      return Group.infinity();
    }
    int[] t = Nat256.create();
    return Group.CURVE.createPoint(
        Nat256.toBigInteger(coord(x, i, t)), Nat256.toBigInteger(coord(y, i, t)));
  }

  /** Writes −y of slot i of {@code from} into slot j of {@code to}. */
  static void negateY(int[] from, int i, int[] to, int j) {
    int[] t = Nat256.create();
    SecP256R1Field.negate(coord(from, i, t), t);
    store(t, to, j);
  }
}
