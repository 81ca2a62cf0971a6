package org.urna.kiosk.polls;

/**
 * Why a poll worker's election package was not loaded, in their words ({@link #message}) and for
 * the audit log ({@link #reason}, {@link #detail}). Nothing on disk changed.
 */
public final class PackageRefusal extends Exception {
  /** What went wrong, as the screen groups it. */
  public enum Reason {
    NOT_FOUND,
    UNREADABLE,
    DAMAGED,
    FOREIGN_AUTHORITY,
    NOT_SIGNED,
    OTHER_STATION,
    OTHER_STATION_KEY,
    WINDOW_CLOSED,
    ALREADY_LOADED,
    RESET_HERE,
    NO_STATION_KEY
  }

  private final Reason reason;
  private final String detail;

  PackageRefusal(Reason reason, String message, String detail) {
    super(message);
    this.reason = reason;
    this.detail = detail;
  }

  public Reason reason() {
    return reason;
  }

  /** Technical detail for the audit log (the failed check, the field). */
  public String detail() {
    return detail;
  }
}
