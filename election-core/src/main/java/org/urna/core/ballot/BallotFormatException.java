package org.urna.core.ballot;

/** Bytes that are not a well-formed ballot; the message names the field (spec 5.5, step V1). */
public class BallotFormatException extends IllegalArgumentException {
  public BallotFormatException(String message) {
    super(message);
  }

  public BallotFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
