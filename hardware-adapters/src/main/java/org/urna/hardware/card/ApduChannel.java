package org.urna.hardware.card;

import org.urna.hardware.card.apdu.CommandApdu;
import org.urna.hardware.card.apdu.ResponseApdu;

/**
 * Exchanges one short APDU with the card in a reader. Only valid inside a {@link CardTask}, on the
 * reader's card thread.
 */
public interface ApduChannel {
  ResponseApdu transmit(CommandApdu command) throws CardIoException;
}
