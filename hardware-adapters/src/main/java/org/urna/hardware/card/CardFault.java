package org.urna.hardware.card;

/** What went wrong with a reader or a card, in words a poll worker or a technician can act on. */
public enum CardFault {
  /** No card in the reader when one was needed. */
  NO_CARD("Insert your card into the card reader."),
  /** The card was pulled out during an exchange; nothing was completed on it. */
  CARD_REMOVED("The card was removed too early. Insert it again and leave it in the reader."),
  /** The reader is gone (unplugged) or was never there. */
  READER_UNAVAILABLE("The card reader is not connected. Check its cable, or call a technician."),
  /** The PC/SC service stopped; this process cannot reconnect to it. */
  SERVICE_UNAVAILABLE("The card service stopped; restart the kiosk."),
  /** The card did not answer in time. */
  TIMEOUT("The card did not answer in time. Take it out, insert it again and retry."),
  /** The card answered, but not in a way a role card should. */
  CARD_NOT_UNDERSTOOD("This card is not a working election role card. Try another card.");

  private final String message;

  CardFault(String message) {
    this.message = message;
  }

  /** A sentence for the screen. */
  public String message() {
    return message;
  }
}
