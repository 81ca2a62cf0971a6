package org.urna.hardware.card.apdu;

import java.util.Arrays;
import org.urna.hardware.card.CardDataException;

/** A response APDU: data, then the two status bytes SW1 SW2. */
public record ResponseApdu(byte[] data, int sw) {
  public ResponseApdu {
    data = data == null ? new byte[0] : data.clone();
    if (sw < 0 || sw > 0xFFFF) {
      throw new IllegalArgumentException("status word is two bytes: " + sw);
    }
  }

  public ResponseApdu(int sw) {
    this(new byte[0], sw);
  }

  /**
   * Parses response bytes.
   *
   * @throws CardDataException when fewer than the two status bytes arrived
   */
  public static ResponseApdu parse(byte[] bytes) throws CardDataException {
    if (bytes == null || bytes.length < 2) {
      throw new CardDataException("a response APDU ends with two status bytes");
    }
    int n = bytes.length;
    return new ResponseApdu(
        Arrays.copyOf(bytes, n - 2), ((bytes[n - 2] & 0xFF) << 8) | (bytes[n - 1] & 0xFF));
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public int dataLength() {
    return data.length;
  }

  public int sw1() {
    return sw >>> 8;
  }

  public int sw2() {
    return sw & 0xFF;
  }

  public boolean isSuccess() {
    return sw == StatusWord.SUCCESS;
  }

  public byte[] encode() {
    byte[] out = Arrays.copyOf(data, data.length + 2);
    out[data.length] = (byte) sw1();
    out[data.length + 1] = (byte) sw2();
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResponseApdu r && r.sw == sw && Arrays.equals(r.data, data);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(data) + sw;
  }

  /** Length and status only: response data may be secret. */
  @Override
  public String toString() {
    return "ResponseApdu[%d bytes, SW=%04X]".formatted(data.length, sw);
  }
}
