package org.urna.hardware.card.apdu;

import java.io.ByteArrayOutputStream;
import org.urna.hardware.card.ApduChannel;
import org.urna.hardware.card.CardFault;
import org.urna.hardware.card.CardIoException;

/**
 * Adds ISO 7816-4 command chaining and response chaining to a raw channel: command data longer than
 * 255 bytes goes out in pieces with CLA bit {@code 0x10} set on all but the last; a {@code 61xx}
 * answer is followed by GET RESPONSE until the card has sent everything; {@code 6Cxx} repeats the
 * command with the right Le. The JDK's PC/SC layer already answers 61xx itself; the simulator does
 * not, and neither need we rely on it.
 */
public final class ChainingChannel implements ApduChannel {
  /** Upper bound for one logical response: PIV objects are far smaller. */
  public static final int MAX_RESPONSE_BYTES = 64 * 1024;

  private final ApduChannel raw;

  public ChainingChannel(ApduChannel raw) {
    this.raw = raw;
  }

  @Override
  public ResponseApdu transmit(CommandApdu command) throws CardIoException {
    return command.dataLength() <= 255 ? receiveAll(command) : sendChained(command);
  }

  /** Sends data that needs more than one APDU (used for long inputs; a card answers each piece). */
  public ResponseApdu transmitLong(int cla, int ins, int p1, int p2, byte[] data, int ne)
      throws CardIoException {
    int offset = 0;
    while (data.length - offset > 255) {
      byte[] piece = java.util.Arrays.copyOfRange(data, offset, offset + 255);
      ResponseApdu r =
          raw.transmit(new CommandApdu(cla | CommandApdu.CLA_CHAINING, ins, p1, p2, piece, 0));
      if (!r.isSuccess()) {
        return r;
      }
      offset += 255;
    }
    byte[] last = java.util.Arrays.copyOfRange(data, offset, data.length);
    return receiveAll(new CommandApdu(cla, ins, p1, p2, last, ne));
  }

  private ResponseApdu sendChained(CommandApdu command) throws CardIoException {
    return transmitLong(
        command.cla(), command.ins(), command.p1(), command.p2(), command.data(), command.ne());
  }

  private ResponseApdu receiveAll(CommandApdu command) throws CardIoException {
    ResponseApdu r = raw.transmit(command);
    if (r.sw1() == StatusWord.SW1_WRONG_LE) {
      int le = r.sw2() == 0 ? 256 : r.sw2();
      r =
          raw.transmit(
              new CommandApdu(
                  command.cla(), command.ins(), command.p1(), command.p2(), command.data(), le));
    }
    if (r.sw1() != StatusWord.SW1_BYTES_REMAINING) {
      return r;
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(r.data());
    while (r.sw1() == StatusWord.SW1_BYTES_REMAINING) {
      int le = r.sw2() == 0 ? 256 : r.sw2();
      r = raw.transmit(new CommandApdu(0x00, 0xC0, 0x00, 0x00, new byte[0], le));
      all.writeBytes(r.data());
      if (all.size() > MAX_RESPONSE_BYTES) {
        throw new CardIoException(
            CardFault.CARD_NOT_UNDERSTOOD, "response longer than " + MAX_RESPONSE_BYTES + " bytes");
      }
    }
    return new ResponseApdu(all.toByteArray(), r.sw());
  }
}
