package org.urna.core.crypto;

import org.bouncycastle.math.ec.ECPoint;

/**
 * Precomputed multiples of one fixed base B for fast k·B (spec 6.4, an implementation choice that
 * does not change any output): 32 windows of 8 bits, {@code T[i][j] = j·2^(8i)·B} in affine form,
 * so k·B is at most 32 mixed additions of Bouncy Castle points. 8,160 points, about 0.5 MB per
 * base.
 *
 * <p>The table index depends on secret nonce bits; the kiosk runs no foreign code beside it, so
 * cache timing is outside its threat model (docs/decisions/0004).
 */
public final class FixedBaseTable {
  private static final int WINDOWS = 32;
  private final ECPoint[][] table = new ECPoint[WINDOWS][256];
  private final Point base;

  public FixedBaseTable(Point base) {
    this.base = base;
    ECPoint[] all = new ECPoint[WINDOWS * 255];
    ECPoint windowBase = base.raw();
    int idx = 0;
    for (int i = 0; i < WINDOWS; i++) {
      ECPoint acc = windowBase;
      for (int j = 1; j < 256; j++) {
        all[idx++] = acc;
        acc = acc.add(windowBase);
      }
      windowBase = acc; // 256 · windowBase = 2^(8(i+1)) · B
    }
    Group.CURVE.normalizeAll(all);
    idx = 0;
    for (int i = 0; i < WINDOWS; i++) {
      for (int j = 1; j < 256; j++) {
        table[i][j] = all[idx++];
      }
    }
  }

  public Point base() {
    return base;
  }

  /** k·B (Jacobian coordinates: normalize before encoding, ideally many at once). */
  public Point multiply(Scalar k) {
    return new Point(multiplyRaw(k));
  }

  ECPoint multiplyRaw(Scalar k) {
    byte[] b = k.toBytes();
    ECPoint acc = Group.infinity();
    for (int i = 0; i < WINDOWS; i++) {
      int digit = b[31 - i] & 0xFF;
      if (digit != 0) {
        acc = acc.add(table[i][digit]);
      }
    }
    return acc;
  }
}
