package org.urna.hardware.card.role;

import java.util.Objects;
import org.urna.hardware.card.CardFault;

/** The outcome of changing a card's PIN, or of resetting a blocked PIN with the PUK. */
public sealed interface PinUpdate {
  /** The card holds the new PIN, with every try back. */
  record Changed() implements PinUpdate {}

  /** The current PIN was wrong; {@code triesLeft} more wrong PINs block the card. */
  record WrongPin(int triesLeft) implements PinUpdate {}

  /** The PIN is blocked: only an election manager can reset it, with the card's PUK. */
  record PinBlocked() implements PinUpdate {}

  /** The PUK was wrong; {@code triesLeft} more wrong PUKs block the PUK for good. */
  record WrongPuk(int triesLeft) implements PinUpdate {}

  /** The PUK is blocked: the card can no longer be reset and must be replaced. */
  record PukBlocked() implements PinUpdate {}

  /** The card has no PIV application. */
  record NotARoleCard() implements PinUpdate {}

  /** The reader or card failed; show {@code fault.message()}; {@code detail} is for the log. */
  record Failed(CardFault fault, String detail) implements PinUpdate {
    public Failed {
      Objects.requireNonNull(fault);
      Objects.requireNonNull(detail);
    }
  }
}
