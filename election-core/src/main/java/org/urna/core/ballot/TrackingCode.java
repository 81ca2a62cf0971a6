package org.urna.core.ballot;

import java.util.Arrays;
import java.util.HexFormat;
import org.urna.core.crypto.Hash;

/**
 * The chained tracking code (spec 5.4): {@code code_i = H("tracking-code", code_{i-1}, station,
 * H(recorded ballot))}, {@code code_0 = H("tracking-code-seed", Q, station)}. Deleting or
 * reordering a station's ballots breaks the chain.
 *
 * <p>Shown to the voter as the first 80 bits in Crockford base32 (no I, L, O, U: nothing to confuse
 * when read aloud), in four groups of four: {@code 7K3M-9QXA-2PDF-HW4R}.
 */
public final class TrackingCode {
  public static final int BYTES = 32;
  private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private final byte[] bytes;

  private TrackingCode(byte[] bytes) {
    this.bytes = bytes;
  }

  public static TrackingCode of(byte[] bytes) {
    if (bytes.length != BYTES) {
      throw new BallotFormatException("a tracking code is 32 bytes");
    }
    return new TrackingCode(bytes.clone());
  }

  public static TrackingCode fromHex(String hex) {
    try {
      return of(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new BallotFormatException("a tracking code is 64 hex digits");
    }
  }

  /** The first code of a station's chain. */
  public static TrackingCode seed(byte[] extendedHash, String stationId) {
    return new TrackingCode(
        Hash.tagged("tracking-code-seed").part(extendedHash).part(stationId).digest());
  }

  /** The next code: binds the previous code, the station and the recorded ballot's hash. */
  public TrackingCode next(String stationId, byte[] recordedBallotHash) {
    return new TrackingCode(
        Hash.tagged("tracking-code").part(bytes).part(stationId).part(recordedBallotHash).digest());
  }

  public byte[] toBytes() {
    return bytes.clone();
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  /** The 16-character grouped form a voter reads aloud. */
  public String display() {
    String s = shortForm();
    return s.substring(0, 4)
        + "-"
        + s.substring(4, 8)
        + "-"
        + s.substring(8, 12)
        + "-"
        + s.substring(12, 16);
  }

  /** The first 80 bits as 16 Crockford base32 characters, ungrouped. */
  public String shortForm() {
    StringBuilder sb = new StringBuilder(16);
    long hi = 0;
    for (int i = 0; i < 5; i++) {
      hi = (hi << 8) | (bytes[i] & 0xFF);
    }
    long lo = 0;
    for (int i = 5; i < 10; i++) {
      lo = (lo << 8) | (bytes[i] & 0xFF);
    }
    for (int i = 7; i >= 0; i--) {
      sb.append(CROCKFORD[(int) ((hi >>> (5 * i)) & 31)]);
    }
    for (int i = 7; i >= 0; i--) {
      sb.append(CROCKFORD[(int) ((lo >>> (5 * i)) & 31)]);
    }
    return sb.toString();
  }

  /**
   * Normalises what a voter typed into the 16-character short form: case, separators and the
   * letters Crockford reads as digits (O→0, I and L→1) are forgiven. Empty when it cannot be one.
   */
  public static java.util.Optional<String> normaliseTyped(String typed) {
    StringBuilder sb = new StringBuilder();
    for (char ch : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
      char c =
          switch (ch) {
            case 'O' -> '0';
            case 'I', 'L' -> '1';
            default -> ch;
          };
      if (c == '-' || c == ' ') {
        continue;
      }
      if (new String(CROCKFORD).indexOf(c) < 0) {
        return java.util.Optional.empty();
      }
      sb.append(c);
    }
    return sb.length() == 16 ? java.util.Optional.of(sb.toString()) : java.util.Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrackingCode t && Arrays.equals(t.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return display();
  }
}
