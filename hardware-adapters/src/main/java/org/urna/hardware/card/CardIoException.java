package org.urna.hardware.card;

import java.util.Objects;

/** An exchange with a card failed; {@link #fault()} says why in terms the UI can explain. */
public final class CardIoException extends Exception {
  private final CardFault fault;

  public CardIoException(CardFault fault, String detail) {
    super(fault.name() + ": " + detail);
    this.fault = Objects.requireNonNull(fault);
  }

  public CardIoException(CardFault fault, String detail, Throwable cause) {
    super(fault.name() + ": " + detail, cause);
    this.fault = Objects.requireNonNull(fault);
  }

  public CardFault fault() {
    return fault;
  }
}
