package org.urna.hardware.card.piv;

/** What the card said to a PIN (SP 800-73-4 part 2, VERIFY: 9000, 63Cx, 6983). */
public sealed interface PinResult {
  /** The PIN is right; the card's key may be used until the card is reset or removed. */
  record Correct() implements PinResult {}

  /** The PIN is wrong; {@code triesLeft} more wrong PINs block the card. */
  record Incorrect(int triesLeft) implements PinResult {
    public Incorrect {
      if (triesLeft < 1 || triesLeft > 15) {
        throw new IllegalArgumentException("tries left must be 1..15: " + triesLeft);
      }
    }
  }

  /** No tries left: the card must be reset by the election office. */
  record Blocked() implements PinResult {}
}
