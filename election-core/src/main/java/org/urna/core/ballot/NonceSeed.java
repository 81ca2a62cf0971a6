package org.urna.core.ballot;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.NonceSource;
import org.urna.core.crypto.Scalar;

/**
 * The ballot's secret 32-byte nonce seed (spec 5.3). Every encryption nonce and every proof nonce
 * of the ballot is derived from it; kept encrypted until the ballot is cast, then destroyed, and
 * revealed only when the voter challenges the ballot. Never logged: toString hides it.
 */
public final class NonceSeed {
  public static final int BYTES = 32;
  private final byte[] seed;

  private NonceSeed(byte[] seed) {
    this.seed = seed;
  }

  public static NonceSeed random(SecureRandom random) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return new NonceSeed(b);
  }

  public static NonceSeed of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new BallotFormatException("a nonce seed is 32 bytes");
    }
    return new NonceSeed(bytes.clone());
  }

  public static NonceSeed fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /**
   * The encryption nonce of one selection: {@code H("nonce", seed, id, "encrypt", contest, sel)}.
   */
  public Scalar encryptionNonce(BallotId id, String contestId, String selectionId) {
    return Hash.tagged("nonce")
        .part(seed)
        .part(id.toBytes())
        .part("encrypt")
        .part(contestId)
        .part(selectionId)
        .toScalar();
  }

  /**
   * Proof nonces: {@code H("nonce", seed, id, "proof", label, purpose, index)}. The source keeps a
   * hash state that has absorbed the seed; {@link NonceSource#erase()} finishes it, which zeroes
   * its buffers, so that no copy of the seed outlives the encryption (decision 0051).
   */
  public NonceSource proofNonces(BallotId id) {
    Hash prefix = Hash.tagged("nonce").part(seed).part(id.toBytes()).part("proof");
    return new NonceSource() {
      private boolean erased;

      @Override
      public Scalar nonce(String label, String purpose, int index) {
        if (erased) {
          throw new IllegalStateException("the proof nonces of this ballot were erased");
        }
        return prefix.copy().part(label).part(purpose).part(index).toScalar();
      }

      @Override
      public void erase() {
        if (!erased) {
          erased = true;
          prefix.digest(); // finishing resets the digest and zeroes its input buffer
        }
      }
    };
  }

  public byte[] toBytes() {
    return seed.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(seed);
  }

  /** Overwrites the seed in memory (at cast). */
  public void destroy() {
    Arrays.fill(seed, (byte) 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NonceSeed n && Arrays.equals(n.seed, seed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(seed);
  }

  @Override
  public String toString() {
    return "NonceSeed[hidden]";
  }
}
