package org.urna.hardware.printer.serial;

/** The byte link to a device failed: the only exception a {@link SerialLink} throws. */
public final class LinkFault extends Exception {

  /** What went wrong with the link. */
  public enum Kind {
    /** The port is missing, closed, or the far side went away. */
    DISCONNECTED,
    /** The far side stopped taking bytes: a write did not finish in time. */
    WRITE_STALLED
  }

  private final Kind kind;

  public LinkFault(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public LinkFault(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
