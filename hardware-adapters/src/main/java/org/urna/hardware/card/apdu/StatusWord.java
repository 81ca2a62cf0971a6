package org.urna.hardware.card.apdu;

/** ISO/IEC 7816-4 status words used by the PIV subset (NIST SP 800-73-4 part 2, table 6). */
public final class StatusWord {
  public static final int SUCCESS = 0x9000;

  /** SW1 61: SW2 more bytes are waiting for GET RESPONSE (00 = 256 or more). */
  public static final int SW1_BYTES_REMAINING = 0x61;

  /** SW1 6C: wrong Le; SW2 is the right one. */
  public static final int SW1_WRONG_LE = 0x6C;

  /** SW1 63, SW2 Cx: verification failed, x tries left. */
  public static final int SW1_WARNING_COUNTER = 0x63;

  public static final int WRONG_LENGTH = 0x6700;
  public static final int LAST_COMMAND_OF_CHAIN_EXPECTED = 0x6883;
  public static final int SECURITY_STATUS_NOT_SATISFIED = 0x6982;
  public static final int AUTHENTICATION_BLOCKED = 0x6983;
  public static final int CONDITIONS_NOT_SATISFIED = 0x6985;
  public static final int WRONG_DATA = 0x6A80;
  public static final int FILE_NOT_FOUND = 0x6A82;
  public static final int INCORRECT_P1P2 = 0x6A86;
  public static final int REFERENCE_NOT_FOUND = 0x6A88;
  public static final int INS_NOT_SUPPORTED = 0x6D00;
  public static final int CLA_NOT_SUPPORTED = 0x6E00;
  public static final int NO_PRECISE_DIAGNOSIS = 0x6F00;

  private StatusWord() {}
}
