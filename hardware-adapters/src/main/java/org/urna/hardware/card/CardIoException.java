package org.urna.hardware.card;

import java.util.Objects;

/** An exchange with a card failed; {@link #fault()} says why in terms the UI can explain. */
public final class CardIoException extends Exception {
  private final CardFault fault;
  private final String detail;

  public CardIoException(CardFault fault, String detail) {
    this(fault, detail, null);
  }

  public CardIoException(CardFault fault, String detail, Throwable cause) {
    super(fault.name() + ": " + detail, cause);
    this.fault = Objects.requireNonNull(fault);
    this.detail = Objects.requireNonNull(detail);
  }

  public CardFault fault() {
    return fault;
  }

  /** What happened, for a technician's log (never a PIN or key). */
  public String detail() {
    return detail;
  }
}
