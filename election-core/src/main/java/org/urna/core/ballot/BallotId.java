package org.urna.core.ballot;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** 128 random bits naming one ballot (spec 5.1); shown as 32 lowercase hex digits. */
public final class BallotId {
  public static final int BYTES = 16;
  private final byte[] bytes;

  private BallotId(byte[] bytes) {
    this.bytes = bytes;
  }

  public static BallotId random(SecureRandom random) {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return new BallotId(b);
  }

  public static BallotId of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new BallotFormatException("a ballot id is 16 bytes");
    }
    return new BallotId(bytes.clone());
  }

  public static BallotId fromHex(String hex) {
    try {
      return of(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new BallotFormatException("a ballot id is 32 hex digits");
    }
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BallotId b && Arrays.equals(b.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
