package org.urna.tally.record.tlog;

/** A checkpoint, note, policy or tile of an election record that does not parse. */
public final class TlogFormatException extends Exception {
  public TlogFormatException(String message) {
    super(message);
  }
}
