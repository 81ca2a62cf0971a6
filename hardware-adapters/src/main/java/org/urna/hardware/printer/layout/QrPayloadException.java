package org.urna.hardware.printer.layout;

/** A scanned code that is not a well-formed Urna paper payload. */
public final class QrPayloadException extends Exception {
  public QrPayloadException(String message) {
    super(message);
  }
}
