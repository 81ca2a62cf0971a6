package org.urna.core.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The group: NIST P-256 (secp256r1) through Bouncy Castle's custom-curve arithmetic (spec 2.1).
 * Prime order n, cofactor 1, so every point on the curve other than the identity is a generator.
 */
public final class Group {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256r1");

  static final ECCurve CURVE = PARAMS.getCurve();

  /** The group order n. */
  public static final BigInteger ORDER = PARAMS.getN();

  /** The standard generator G of P-256. */
  public static final Point G = new Point(PARAMS.getG().normalize());

  private static final FixedBaseTable G_TABLE = new FixedBaseTable(G);

  private Group() {}

  /** k·G from the precomputed window table. */
  public static Point mulG(Scalar k) {
    return G_TABLE.multiply(k);
  }

  /** The window table for G (shared, built once). */
  public static FixedBaseTable generatorTable() {
    return G_TABLE;
  }

  static ECPoint infinity() {
    return CURVE.getInfinity();
  }
}
