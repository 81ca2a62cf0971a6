package org.urna.hardware.card.piv;

import java.nio.charset.StandardCharsets;

/**
 * A PIV PIN unblocking key: the election manager's secret that resets a blocked PIN (RESET RETRY
 * COUNTER, key reference {@code 81}). Urna's PUKs are 8 ASCII digits (SP 800-73-4 part 2, 2.4.3
 * allows any 8 bytes; digits can be typed on the kiosk's PIN pad and printed on a PUK letter).
 * Never printed: {@link #toString()} hides it.
 */
public final class Puk {
  private final byte[] digits;

  private Puk(byte[] digits) {
    this.digits = digits;
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not 8 digits (the message never repeats
   *     the input)
   */
  public static Puk of(String text) {
    if (text == null || !text.matches("[0-9]{8}")) {
      throw new IllegalArgumentException("A PUK is 8 digits.");
    }
    return new Puk(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** The 8 bytes the card receives. */
  public byte[] block() {
    return digits.clone();
  }

  /**
   * Reads the 8 bytes a card received.
   *
   * @return the PUK, or null when the block is not 8 digits
   */
  public static Puk fromBlock(byte[] block) {
    if (block == null || block.length != 8) {
      return null;
    }
    for (byte b : block) {
      if (b < '0' || b > '9') {
        return null;
      }
    }
    return new Puk(block.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Puk p && java.security.MessageDigest.isEqual(p.digits, digits);
  }

  @Override
  public int hashCode() {
    return digits.length;
  }

  @Override
  public String toString() {
    return "Puk[********]";
  }
}
