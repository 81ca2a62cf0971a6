package org.urna.ledger.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 Merkle tree hash (RFC 6962): exactly 32 bytes, immutable. */
public record NodeHash(byte[] bytes) {
  public static final int SIZE = 32;

  public NodeHash {
    if (bytes == null || bytes.length != SIZE) {
      throw new IllegalArgumentException("a tree hash has 32 bytes");
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Parses standard base64 (RFC 4648 section 4), as checkpoints and proofs carry it. */
  public static NodeHash fromBase64(String text) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64: a tree hash was expected");
    }
    if (raw.length != SIZE || !Base64.getEncoder().encodeToString(raw).equals(text)) {
      throw new IllegalArgumentException("not a canonical base64 32-byte tree hash");
    }
    return new NodeHash(raw);
  }

  public static NodeHash fromHex(String hex) {
    return new NodeHash(HexFormat.of().parseHex(hex));
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  void copyInto(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, SIZE);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeHash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
