package org.urna.core.crypto;

/**
 * An exponential ElGamal ciphertext {@code (alpha, beta) = (r·G, m·G + r·K)} (spec 4.1). Encoded as
 * {@code alpha || beta}, 130 bytes.
 */
public record ElGamalCiphertext(Point alpha, Point beta) implements Encodable {
  public static final int BYTES = 2 * Point.BYTES;

  public ElGamalCiphertext {
    if (alpha == null || beta == null) {
      throw new IllegalArgumentException("a ciphertext needs alpha and beta");
    }
  }

  /** The homomorphic sum: a ciphertext of the sum of the messages. */
  public ElGamalCiphertext add(ElGamalCiphertext o) {
    return new ElGamalCiphertext(alpha.add(o.alpha), beta.add(o.beta));
  }

  /** Both points in affine form, with one field inversion for the two. */
  public ElGamalCiphertext normalize() {
    Point[] ab = {alpha, beta};
    Point.normalizeAll(ab);
    return new ElGamalCiphertext(ab[0], ab[1]);
  }

  @Override
  public byte[] toBytes() {
    byte[] out = new byte[BYTES];
    System.arraycopy(alpha.toBytes(), 0, out, 0, Point.BYTES);
    System.arraycopy(beta.toBytes(), 0, out, Point.BYTES, Point.BYTES);
    return out;
  }
}
