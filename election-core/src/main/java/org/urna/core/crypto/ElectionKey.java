package org.urna.core.crypto;

/**
 * The election public key K = s·G with its window table, and the extended hash every proof binds to
 * (spec 4.1). With k-of-n trustees K is the sum of their keys; nothing else changes.
 */
public final class ElectionKey {
  private final Point key;
  private final byte[] extendedHash;
  private final FixedBaseTable table;

  public ElectionKey(Point key, byte[] extendedHash) {
    if (extendedHash.length != 32) {
      throw new IllegalArgumentException("the extended hash is 32 bytes");
    }
    this.key = key.normalize();
    this.extendedHash = extendedHash.clone();
    this.table = new FixedBaseTable(this.key);
  }

  public Point key() {
    return key;
  }

  /** The 32-byte extended election hash every Fiat-Shamir challenge starts with. */
  public byte[] extendedHash() {
    return extendedHash.clone();
  }

  /** k·K from the window table. */
  public Point mulK(Scalar k) {
    return table.multiply(k);
  }

  /** Encrypts {@code m} with nonce {@code r}: {@code (r·G, m·G + r·K)} (spec 4.1). */
  public ElGamalCiphertext encrypt(int m, Scalar r) {
    Point alpha = Group.mulG(r);
    Point beta = mulK(r);
    if (m != 0) {
      beta = beta.add(m == 1 ? Group.G : Group.mulG(Scalar.of(m)));
    }
    return new ElGamalCiphertext(alpha, beta);
  }
}
