package org.urna.hardware.card.piv;

/**
 * What the card said to a PIN or PUK (SP 800-73-4 part 2, VERIFY, CHANGE REFERENCE DATA, RESET
 * RETRY COUNTER: 9000, 63Cx, 63C0 on the try that blocks, 6983 once blocked).
 */
public sealed interface PinResult {
  /**
   * The PIN (or PUK) is right; after VERIFY the card's key may be used until the card is reset or
   * removed.
   */
  record Correct() implements PinResult {}

  /** The PIN is wrong; {@code triesLeft} more wrong PINs block the card. */
  record Incorrect(int triesLeft) implements PinResult {
    public Incorrect {
      if (triesLeft < 1 || triesLeft > 15) {
        throw new IllegalArgumentException("tries left must be 1..15: " + triesLeft);
      }
    }
  }

  /** No tries left: a blocked PIN must be reset with the PUK by an election manager. */
  record Blocked() implements PinResult {}
}
