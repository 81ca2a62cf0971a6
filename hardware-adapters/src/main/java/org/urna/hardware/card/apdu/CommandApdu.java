package org.urna.hardware.card.apdu;

import java.util.Arrays;
import org.urna.hardware.card.CardDataException;

/**
 * A short command APDU (ISO/IEC 7816-4): CLA INS P1 P2 [Lc data] [Le]. {@code ne} is the number of
 * response bytes expected: 0 for no Le field, 1..256 otherwise (256 is encoded as Le = 00). No
 * extended length: PIV cards and the JDK's PC/SC layer both work with short APDUs and chaining.
 */
public record CommandApdu(int cla, int ins, int p1, int p2, byte[] data, int ne) {
  /** The chaining bit of CLA: more command data follows in the next APDU. */
  public static final int CLA_CHAINING = 0x10;

  public CommandApdu {
    checkByte("CLA", cla);
    checkByte("INS", ins);
    checkByte("P1", p1);
    checkByte("P2", p2);
    data = data == null ? new byte[0] : data.clone();
    if (data.length > 255) {
      throw new IllegalArgumentException("short APDU data is at most 255 bytes: " + data.length);
    }
    if (ne < 0 || ne > 256) {
      throw new IllegalArgumentException("Ne must be 0..256: " + ne);
    }
  }

  public CommandApdu(int cla, int ins, int p1, int p2) {
    this(cla, ins, p1, p2, new byte[0], 0);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public int dataLength() {
    return data.length;
  }

  public boolean isChained() {
    return (cla & CLA_CHAINING) != 0;
  }

  /** The encoded APDU bytes. */
  public byte[] encode() {
    int length = 4 + (data.length > 0 ? 1 + data.length : 0) + (ne > 0 ? 1 : 0);
    byte[] out = new byte[length];
    out[0] = (byte) cla;
    out[1] = (byte) ins;
    out[2] = (byte) p1;
    out[3] = (byte) p2;
    int at = 4;
    if (data.length > 0) {
      out[at++] = (byte) data.length;
      System.arraycopy(data, 0, out, at, data.length);
      at += data.length;
    }
    if (ne > 0) {
      out[at] = (byte) (ne == 256 ? 0 : ne);
    }
    return out;
  }

  /**
   * Parses a short command APDU (cases 1 to 4).
   *
   * @throws CardDataException when the bytes are not one; a card answers that with 6700
   */
  public static CommandApdu parse(byte[] apdu) throws CardDataException {
    if (apdu == null || apdu.length < 4) {
      throw new CardDataException("a command APDU has at least 4 bytes");
    }
    int cla = apdu[0] & 0xFF;
    int ins = apdu[1] & 0xFF;
    int p1 = apdu[2] & 0xFF;
    int p2 = apdu[3] & 0xFF;
    if (apdu.length == 4) {
      return new CommandApdu(cla, ins, p1, p2, new byte[0], 0);
    }
    int b = apdu[4] & 0xFF;
    if (apdu.length == 5) {
      return new CommandApdu(cla, ins, p1, p2, new byte[0], b == 0 ? 256 : b);
    }
    if (b == 0) {
      throw new CardDataException("extended-length APDUs are not supported");
    }
    if (apdu.length == 5 + b) {
      return new CommandApdu(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, 5 + b), 0);
    }
    if (apdu.length == 6 + b) {
      int le = apdu[5 + b] & 0xFF;
      return new CommandApdu(
          cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, 5 + b), le == 0 ? 256 : le);
    }
    throw new CardDataException("Lc " + b + " does not match an APDU of " + apdu.length + " bytes");
  }

  private static void checkByte(String name, int value) {
    if (value < 0 || value > 0xFF) {
      throw new IllegalArgumentException(name + " is one byte: " + value);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CommandApdu c && Arrays.equals(encode(), c.encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  /** Header and lengths only: command data may hold a PIN and is never printed. */
  @Override
  public String toString() {
    return "CommandApdu[%02X %02X %02X %02X, Lc=%d, Ne=%d]"
        .formatted(cla, ins, p1, p2, data.length, ne);
  }
}
