package org.urna.core.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/** An Ed25519 signature, 64 bytes. */
public final class Signature implements Encodable {
  public static final int BYTES = 64;
  private final byte[] bytes;

  private Signature(byte[] bytes) {
    this.bytes = bytes;
  }

  public static Signature decode(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw new CryptoFormatException("an Ed25519 signature is 64 bytes");
    }
    return new Signature(bytes.clone());
  }

  public static Signature fromHex(String hex) {
    return decode(HexFormat.of().parseHex(hex));
  }

  byte[] bytes() {
    return bytes;
  }

  @Override
  public byte[] toBytes() {
    return bytes.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature s && Arrays.equals(s.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
