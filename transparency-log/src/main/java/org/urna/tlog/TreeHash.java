package org.urna.tlog;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 Merkle tree hash (RFC 6962): exactly 32 bytes, immutable. */
public final class TreeHash {
  public static final int SIZE = 32;
  private final byte[] bytes;

  private TreeHash(byte[] bytes) {
    this.bytes = bytes;
  }

  public static TreeHash of(byte[] bytes) {
    if (bytes == null || bytes.length != SIZE) {
      throw new LedgerFormatException("a tree hash has 32 bytes");
    }
    return new TreeHash(bytes.clone());
  }

  /** Canonical standard base64 (RFC 4648 section 4) of 32 bytes, as checkpoints carry it. */
  public static TreeHash fromBase64(String text) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new LedgerFormatException("a tree hash is not base64");
    }
    if (raw.length != SIZE || !Base64.getEncoder().encodeToString(raw).equals(text)) {
      throw new LedgerFormatException("a tree hash is canonical base64 of 32 bytes");
    }
    return new TreeHash(raw);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] raw() {
    return bytes;
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TreeHash t && Arrays.equals(t.bytes, bytes);
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
