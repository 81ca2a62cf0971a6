package org.urna.tally;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import org.urna.core.crypto.CryptoFormatException;
import org.urna.core.crypto.Encodable;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;

/**
 * A Schnorr proof of knowledge of x with {@code X = x·G} (docs/spec/trustees.md 4.1), made
 * non-interactive by Fiat-Shamir over the project's hash: {@code R = w·G}, {@code c = Hs(tag, C,
 * u64(i), u64(j), X, R, extra)}, {@code z = w + c·x}. With a message in {@code extra} it is a
 * Schnorr signature by the holder of x. Encoding {@code R || z}, 97 bytes.
 */
public record SchnorrProof(Point r, Scalar z) implements Encodable {
  public static final int BYTES = Point.BYTES + Scalar.BYTES;

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Proves knowledge of {@code x}. The nonce is hedged: {@code w = Hs("proof-nonce", x, 32 random
   * bytes, tag, ...)}, so a weak random generator alone does not leak x.
   */
  public static SchnorrProof prove(
      String tag, byte[] ceremony, long i, long j, Scalar x, byte[]... extra) {
    byte[] fresh = new byte[32];
    RANDOM.nextBytes(fresh);
    Hash nonce = Hash.tagged("proof-nonce").part(x).part(fresh).part(tag).part(ceremony);
    return proveWithNonce(tag, ceremony, i, j, x, nonce.part(i).part(j).toScalar(), extra);
  }

  /** The proof with a given nonce w (test vectors; never reuse a w). */
  public static SchnorrProof proveWithNonce(
      String tag, byte[] ceremony, long i, long j, Scalar x, Scalar w, byte[]... extra) {
    Point big = Group.mulG(x).normalize();
    Point r = Group.mulG(w).normalize();
    Scalar c = challenge(tag, ceremony, i, j, big, r, extra);
    return new SchnorrProof(r, w.add(c.multiply(x)));
  }

  static Scalar challenge(
      String tag, byte[] ceremony, long i, long j, Point big, Point r, byte[]... extra) {
    Hash h = Hash.tagged(tag).part(ceremony).part(i).part(j).part(big).part(r);
    for (byte[] e : extra) {
      h.part(e);
    }
    return h.toScalar();
  }

  /** {@code z·G = R + c·X}. */
  public boolean verify(String tag, byte[] ceremony, long i, long j, Point big, byte[]... extra) {
    Scalar c = challenge(tag, ceremony, i, j, big, r, extra);
    return Group.mulG(z).equals(r.add(big.multiply(c)));
  }

  @Override
  public byte[] toBytes() {
    return ByteBuffer.allocate(BYTES).put(r.toBytes()).put(z.toBytes()).array();
  }

  public static SchnorrProof decode(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new CryptoFormatException("a Schnorr proof is " + BYTES + " bytes");
    }
    byte[] r = new byte[Point.BYTES];
    byte[] z = new byte[Scalar.BYTES];
    ByteBuffer.wrap(bytes).get(r).get(z);
    return new SchnorrProof(Point.decode(r), Scalar.decode(z));
  }
}
