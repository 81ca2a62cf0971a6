package org.urna.hardware.printer.emulator;

/** Bytes that are no command of the subset the emulator knows: the only error its parser raises. */
public final class EscPosSyntaxException extends Exception {

  private final long offset;

  public EscPosSyntaxException(long offset, String message) {
    super(message + " at byte " + offset);
    this.offset = offset;
  }

  /** How many bytes had been read before the offending one. */
  public long offset() {
    return offset;
  }
}
