package org.urna.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 public key, 32 bytes (RFC 8032), used for stations, authority and validators. */
public final class VerifyingKey implements Encodable {
  public static final int BYTES = 32;
  private final byte[] key;

  /** The decoded point, kept so that each verification skips decompressing the key again. */
  private final Ed25519.PublicPoint point;

  private VerifyingKey(byte[] key, Ed25519.PublicPoint point) {
    this.key = key;
    this.point = point;
  }

  /** Decodes 32 bytes; refuses encodings that are not a point of edwards25519. */
  public static VerifyingKey decode(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw new CryptoFormatException("an Ed25519 public key is 32 bytes");
    }
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(bytes, 0);
    if (point == null) {
      throw new CryptoFormatException("not a valid Ed25519 public key");
    }
    return new VerifyingKey(bytes.clone(), point);
  }

  public static VerifyingKey fromHex(String hex) {
    return decode(HexFormat.of().parseHex(hex));
  }

  /** True when {@code signature} is a valid Ed25519 signature of {@code message} by this key. */
  public boolean verifies(byte[] message, Signature signature) {
    return Ed25519.verify(signature.bytes(), 0, point, message, 0, message.length);
  }

  @Override
  public byte[] toBytes() {
    return key.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(key);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifyingKey k && Arrays.equals(k.key, key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "VerifyingKey[" + toHex() + "]";
  }
}
