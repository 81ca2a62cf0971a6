package org.urna.hardware.card;

/**
 * Bytes from a card (or sent to a card) that do not follow the format they claim: a truncated APDU,
 * a bad BER-TLV length, a data object without its certificate. Always a typed, checked error:
 * parsers of card data throw nothing else.
 */
public class CardDataException extends Exception {
  public CardDataException(String message) {
    super(message);
  }
}
