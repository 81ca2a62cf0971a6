package org.urna.core.crypto;

/** Bytes that are not a valid encoding of the value they claim to be (spec section 2.1). */
public class CryptoFormatException extends IllegalArgumentException {
  public CryptoFormatException(String message) {
    super(message);
  }
}
