package org.urna.core.crypto;

/** The election secret key s (single-key path; trustees hold shares of it later). */
public final class ElGamalSecretKey {
  private final Scalar s;

  public ElGamalSecretKey(Scalar s) {
    if (s.isZero()) {
      throw new IllegalArgumentException("the secret key cannot be zero");
    }
    this.s = s;
  }

  public Scalar scalar() {
    return s;
  }

  public Point publicKey() {
    return Group.mulG(s).normalize();
  }

  @Override
  public String toString() {
    return "ElGamalSecretKey[hidden]";
  }
}
