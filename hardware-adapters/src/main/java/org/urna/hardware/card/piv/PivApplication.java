package org.urna.hardware.card.piv;

import java.util.HexFormat;
import org.urna.hardware.card.tlv.BerTlv;

/** Constants of the PIV card application (NIST SP 800-73-4). */
public final class PivApplication {
  /** The full AID: RID A0 00 00 03 08, PIX 00 00 10 00 01 00 (version 01 00). */
  public static final byte[] AID = HexFormat.of().parseHex("A000000308000010000100");

  /** The AID as clients select it (right-truncated, no version): A0 00 00 03 08 00 00 10 00. */
  public static final byte[] AID_SELECT = HexFormat.of().parseHex("A00000030800001000");

  /** The PIX within the application property template (tag 4F). */
  public static final byte[] PIX = HexFormat.of().parseHex("000010000100");

  public static final int INS_SELECT = 0xA4;
  public static final int INS_GET_DATA = 0xCB;
  public static final int INS_VERIFY = 0x20;
  public static final int INS_GENERAL_AUTHENTICATE = 0x87;
  public static final int INS_GET_RESPONSE = 0xC0;
  public static final int INS_CHANGE_REFERENCE_DATA = 0x24;
  public static final int INS_RESET_RETRY_COUNTER = 0x2C;

  /** Key reference of the PIV application PIN (VERIFY P2). */
  public static final int PIN_REFERENCE = 0x80;

  /** Key reference of the PIN unblocking key (CHANGE REFERENCE DATA P2). */
  public static final int PUK_REFERENCE = 0x81;

  /** Algorithm identifier of ECC P-256 (SP 800-78-4, table 6-2). */
  public static final int ALGORITHM_ECC_P256 = 0x11;

  /** Data object tags. */
  public static final int TAG_DATA_OBJECT = 0x53;

  public static final int TAG_TAG_LIST = 0x5C;
  public static final int TAG_CERTIFICATE = 0x70;
  public static final int TAG_CERT_INFO = 0x71;
  public static final int TAG_ERROR_DETECTION = 0xFE;
  public static final int TAG_DYNAMIC_AUTH = 0x7C;
  public static final int TAG_WITNESS_RESPONSE = 0x82;
  public static final int TAG_CHALLENGE = 0x81;
  public static final int TAG_APT = 0x61;
  public static final int TAG_DISCOVERY = 0x7E;
  public static final int OBJECT_CHUID = 0x5FC102;
  public static final int OBJECT_DISCOVERY = 0x7E;

  private PivApplication() {}

  /** The {@code 5C} tag list naming one data object, as GET DATA sends it. */
  public static byte[] tagList(int objectTag) {
    byte[] tag =
        objectTag > 0xFFFF
            ? new byte[] {(byte) (objectTag >>> 16), (byte) (objectTag >>> 8), (byte) objectTag}
            : objectTag > 0xFF
                ? new byte[] {(byte) (objectTag >>> 8), (byte) objectTag}
                : new byte[] {(byte) objectTag};
    return BerTlv.encode(TAG_TAG_LIST, tag);
  }
}
