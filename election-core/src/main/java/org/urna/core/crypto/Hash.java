package org.urna.core.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Domain-separated SHA-256 (spec section 2.2).
 *
 * <p>{@code H(tag, p1, ..., pk) = SHA-256(u16(len(tag)) || tag || u32(len(p1)) || p1 || ... )}: the
 * tag names the use, every part is length-prefixed, so no two different inputs share an encoding.
 */
public final class Hash {
  /** Every tag of this version starts with this prefix. */
  public static final String TAG_PREFIX = "urna/v1/";

  /** A fresh SHA-256 that is only ever cloned (cheaper than a provider look-up per hash). */
  private static final MessageDigest PROTOTYPE;

  static {
    try {
      PROTOTYPE = MessageDigest.getInstance("SHA-256");
      PROTOTYPE.clone();
    } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM or cannot be cloned", e);
    }
  }

  private final MessageDigest digest;

  private Hash(MessageDigest digest) {
    this.digest = digest;
  }

  private Hash(String tag) {
    digest = cloneOf(PROTOTYPE);
    byte[] t = (TAG_PREFIX + tag).getBytes(StandardCharsets.UTF_8);
    if (t.length > 0xFFFF) {
      throw new IllegalArgumentException("tag too long");
    }
    digest.update((byte) (t.length >>> 8));
    digest.update((byte) t.length);
    digest.update(t);
  }

  /** Starts a hash for the tag {@code urna/v1/<tag>}. */
  public static Hash tagged(String tag) {
    return new Hash(tag);
  }

  private static MessageDigest cloneOf(MessageDigest d) {
    try {
      return (MessageDigest) d.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An independent copy of this hash in its current state: a common prefix (tag, seed, ballot id)
   * is hashed once and each derivation continues from a copy. The outputs are the same as hashing
   * every part again.
   */
  public Hash copy() {
    return new Hash(cloneOf(digest));
  }

  /** Appends one length-prefixed part. */
  public Hash part(byte[] bytes) {
    int n = bytes.length;
    digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    digest.update(bytes);
    return this;
  }

  /** Appends a UTF-8 string as one part. */
  public Hash part(String text) {
    return part(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends a 64-bit big-endian integer as one 8-byte part. */
  public Hash part(long value) {
    return part(ByteBuffer.allocate(8).putLong(value).array());
  }

  /** Appends an encodable value as one part. */
  public Hash part(Encodable value) {
    return part(value.toBytes());
  }

  /** Finishes: the 32-byte digest. */
  public byte[] digest() {
    return digest.digest();
  }

  /**
   * Finishes into a scalar modulo the group order: {@code int(H(.. || 0x00) || H(.. || 0x01)) mod
   * n}, a 512-bit value reduced, so the result is uniform to within 2^-256.
   */
  public Scalar toScalar() {
    MessageDigest second = cloneOf(digest);
    digest.update((byte) 0);
    second.update((byte) 1);
    byte[] wide = new byte[64];
    System.arraycopy(digest.digest(), 0, wide, 0, 32);
    System.arraycopy(second.digest(), 0, wide, 32, 32);
    return Scalar.of(new BigInteger(1, wide));
  }
}
