package org.urna.hardware.card.piv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A PIV application PIN: 6 to 8 ASCII digits (SP 800-73-4 part 2, 2.4.3). Never printed: {@link
 * #toString()} hides it.
 */
public final class Pin {
  private final byte[] digits;

  private Pin(byte[] digits) {
    this.digits = digits;
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not 6 to 8 digits (the message never
   *     repeats the input)
   */
  public static Pin of(String text) {
    if (text == null || !text.matches("[0-9]{6,8}")) {
      throw new IllegalArgumentException("A PIN is 6 to 8 digits.");
    }
    return new Pin(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** The 8-byte VERIFY data: the digits padded with {@code FF}. */
  public byte[] padded() {
    byte[] out = new byte[8];
    Arrays.fill(out, (byte) 0xFF);
    System.arraycopy(digits, 0, out, 0, digits.length);
    return out;
  }

  /**
   * Reads the 8-byte VERIFY data back: digits then {@code FF} padding, 6 to 8 digits.
   *
   * @return the PIN, or null when the block is not a well-formed PIN
   */
  public static Pin fromPadded(byte[] block) {
    if (block == null || block.length != 8) {
      return null;
    }
    int n = 0;
    while (n < 8 && block[n] >= '0' && block[n] <= '9') {
      n++;
    }
    for (int i = n; i < 8; i++) {
      if (block[i] != (byte) 0xFF) {
        return null;
      }
    }
    return n >= 6 ? new Pin(Arrays.copyOf(block, n)) : null;
  }

  /** The digits as bytes (for hashing on a card); the caller should clear the copy. */
  public byte[] digits() {
    return digits.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pin p && java.security.MessageDigest.isEqual(p.digits, digits);
  }

  @Override
  public int hashCode() {
    return digits.length;
  }

  @Override
  public String toString() {
    return "Pin[******]";
  }
}
