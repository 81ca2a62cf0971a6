package org.urna.ledger.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 6962 / RFC 9162 section 2.1 hashing: leaf = H(0x00 || d), node = H(0x01 || l || r). */
public final class Rfc6962 {
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
          });

  private Rfc6962() {}

  /** MTH({}) = SHA-256() */
  public static NodeHash emptyRoot() {
    return new NodeHash(SHA256.get().digest());
  }

  public static NodeHash leafHash(byte[] entry) {
    return new NodeHash(leafHashBytes(entry, 0, entry.length));
  }

  static byte[] leafHashBytes(byte[] entry, int offset, int length) {
    MessageDigest md = SHA256.get();
    md.update((byte) 0x00);
    md.update(entry, offset, length);
    return md.digest();
  }

  public static NodeHash nodeHash(NodeHash left, NodeHash right) {
    return new NodeHash(nodeHashBytes(left.bytes(), right.bytes()));
  }

  static byte[] nodeHashBytes(byte[] left, byte[] right) {
    MessageDigest md = SHA256.get();
    md.update((byte) 0x01);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /** The largest power of two strictly smaller than n (n at least 2), RFC 6962's k. */
  static long split(long n) {
    return Long.highestOneBit(n - 1);
  }
}
