package org.urna.tally;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import org.urna.core.crypto.CryptoFormatException;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.Encodable;
import org.urna.core.crypto.Equation;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;

/**
 * A Chaum-Pedersen proof that a decryption share {@code M_j = s_j·A} uses the same s_j as the
 * public share {@code K_j = s_j·G} (docs/spec/trustees.md 6.1): {@code a = u·G}, {@code b = u·A},
 * {@code c = Hs("decryption-share", Q, label, u64(j), K_j, A, B, M_j, a, b)}, {@code v = u +
 * c·s_j}. Encoding {@code a || b || v}, 162 bytes.
 */
public record ShareProof(Point a, Point b, Scalar v) implements Encodable {
  public static final int BYTES = 2 * Point.BYTES + Scalar.BYTES;
  public static final String TAG = "decryption-share";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The hedged nonce {@code u = Hs("decryption-share-nonce", s_j, 32 random bytes, label, A)}. */
  static Scalar nonce(Scalar secret, String label, ElGamalCiphertext ct) {
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    return Hash.tagged("decryption-share-nonce")
        .part(secret)
        .part(fresh)
        .part(label)
        .part(ct.alpha())
        .toScalar();
  }

  public static ShareProof prove(
      byte[] q, String label, int j, Point kj, ElGamalCiphertext ct, Point m, Scalar s, Scalar u) {
    Point[] ab = {Group.mulG(u), ct.alpha().multiply(u)};
    Point.normalizeAll(ab);
    Scalar c = challenge(q, label, j, kj, ct, m, ab[0], ab[1]);
    return new ShareProof(ab[0], ab[1], u.add(c.multiply(s)));
  }

  static Scalar challenge(
      byte[] q, String label, int j, Point kj, ElGamalCiphertext ct, Point m, Point a, Point b) {
    return Hash.tagged(TAG)
        .part(q)
        .part(label)
        .part((long) j)
        .part(kj)
        .part(ct.alpha())
        .part(ct.beta())
        .part(m)
        .part(a)
        .part(b)
        .toScalar();
  }

  /**
   * The two checks as equations of spec 6.1 ({@code v·G - a - c·K_j = O}, {@code v·A - b - c·M_j =
   * O}), for checking many shares at once with random weights.
   */
  public List<Equation> equations(
      byte[] q, String label, int j, Point kj, ElGamalCiphertext ct, Point m) {
    Scalar c = challenge(q, label, j, kj, ct, m, a, b);
    Scalar minusOne = Scalar.ONE.negate();
    return List.of(
        new Equation(label, v, Scalar.ZERO, List.of(a, kj), List.of(minusOne, c.negate())),
        new Equation(
            label,
            Scalar.ZERO,
            Scalar.ZERO,
            List.of(ct.alpha(), b, m),
            List.of(v, minusOne, c.negate())));
  }

  /** {@code v·G = a + c·K_j} and {@code v·A = b + c·M_j}. */
  public boolean verify(byte[] q, String label, int j, Point kj, ElGamalCiphertext ct, Point m) {
    Scalar c = challenge(q, label, j, kj, ct, m, a, b);
    return Group.mulG(v).equals(a.add(kj.multiply(c)))
        && ct.alpha().multiply(v).equals(b.add(m.multiply(c)));
  }

  @Override
  public byte[] toBytes() {
    return ByteBuffer.allocate(BYTES).put(a.toBytes()).put(b.toBytes()).put(v.toBytes()).array();
  }

  public static ShareProof decode(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new CryptoFormatException("a decryption share proof is " + BYTES + " bytes");
    }
    byte[] a = new byte[Point.BYTES];
    byte[] b = new byte[Point.BYTES];
    byte[] v = new byte[Scalar.BYTES];
    ByteBuffer.wrap(bytes).get(a).get(b).get(v);
    return new ShareProof(Point.decode(a), Point.decode(b), Scalar.decode(v));
  }
}
