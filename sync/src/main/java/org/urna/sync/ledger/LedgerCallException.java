package org.urna.sync.ledger;

/** A call to the ledger that did not give a usable answer; {@link Kind} says what to do next. */
public final class LedgerCallException extends Exception {
  /** What went wrong, from the kiosk's side. */
  public enum Kind {
    /** No validator could be reached (refused, reset, no route): try again later. */
    UNREACHABLE,
    /** A validator did not answer in time: try again later. */
    TIMED_OUT,
    /** The validator is busy or could not commit (HTTP 5xx): try again later, it is safe. */
    BUSY,
    /** The validator has no such thing (HTTP 404). */
    NOT_FOUND,
    /** The validator refused the request (another 4xx). */
    REFUSED,
    /** The answer does not follow the documented format. */
    MALFORMED
  }

  private final Kind kind;
  private final String endpoint;

  public LedgerCallException(Kind kind, String endpoint, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.endpoint = endpoint;
  }

  public Kind kind() {
    return kind;
  }

  public String endpoint() {
    return endpoint;
  }

  /** True when trying again later (or another validator) may succeed. */
  public boolean transientFault() {
    return switch (kind) {
      case UNREACHABLE, TIMED_OUT, BUSY, MALFORMED -> true;
      case NOT_FOUND, REFUSED -> false;
    };
  }
}
