package org.urna.kiosk.station;

/** The ballot box refused or failed; the message tells a poll worker what happened. */
public final class BallotStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BallotStoreException(String message) {
    super(message);
  }

  public BallotStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
