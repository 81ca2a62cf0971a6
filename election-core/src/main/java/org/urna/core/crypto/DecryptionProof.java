package org.urna.core.crypto;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A Chaum-Pedersen proof that a ciphertext {@code (A, B)} decrypts to the total t, that is {@code B
 * - t·G = s·A} for the s with {@code K = s·G} (spec 4.4): commitments {@code a = u·G, b = u·A},
 * response {@code v = u + c·s}. Encoding {@code a || b || v}, 162 bytes.
 */
public record DecryptionProof(Point a, Point b, Scalar v) implements Encodable {
  public static final int BYTES = 2 * Point.BYTES + Scalar.BYTES;

  /** Proves that {@code ct} decrypts to {@code t} (the prover found t by discrete log). */
  public static DecryptionProof prove(
      ElectionKey key,
      ElGamalSecretKey secret,
      String label,
      ElGamalCiphertext ct,
      long t,
      Scalar u) {
    Point[] ab = {Group.mulG(u), ct.alpha().multiply(u)};
    Point.normalizeAll(ab);
    Scalar c = challenge(key, label, ct, t, ab[0], ab[1]);
    return new DecryptionProof(ab[0], ab[1], u.add(c.multiply(secret.scalar())));
  }

  static Scalar challenge(
      ElectionKey key, String label, ElGamalCiphertext ct, long t, Point a, Point b) {
    return Hash.tagged("decryption-proof")
        .part(key.extendedHash())
        .part(label)
        .part(key.key())
        .part(ct.alpha())
        .part(ct.beta())
        .part(t)
        .part(a)
        .part(b)
        .toScalar();
  }

  /** {@code v·G = a + c·K} and {@code v·A = b + c·(B - t·G)}. */
  public List<Equation> equations(ElectionKey key, String label, ElGamalCiphertext ct, long t) {
    Scalar c = challenge(key, label, ct, t, a, b);
    Scalar minusOne = Scalar.ONE.negate();
    return List.of(
        new Equation(label, v, c.negate(), List.of(a), List.of(minusOne)),
        new Equation(
            label,
            c.multiply(Scalar.of(t)),
            Scalar.ZERO,
            List.of(ct.alpha(), b, ct.beta()),
            List.of(v, minusOne, c.negate())));
  }

  public boolean verify(ElectionKey key, String label, ElGamalCiphertext ct, long t) {
    LinearCheck check = new LinearCheck();
    check.addAll(equations(key, label, ct, t));
    return check.holds(key);
  }

  @Override
  public byte[] toBytes() {
    return ByteBuffer.allocate(BYTES).put(a.toBytes()).put(b.toBytes()).put(v.toBytes()).array();
  }

  public static DecryptionProof decode(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new CryptoFormatException("a decryption proof is " + BYTES + " bytes");
    }
    byte[] a = new byte[Point.BYTES];
    byte[] b = new byte[Point.BYTES];
    byte[] v = new byte[Scalar.BYTES];
    ByteBuffer.wrap(bytes).get(a).get(b).get(v);
    return new DecryptionProof(Point.decode(a), Point.decode(b), Scalar.decode(v));
  }
}
