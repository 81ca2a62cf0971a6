package org.urna.hardware.card.piv;

/**
 * PIV key slots with their certificate data objects (NIST SP 800-73-4 part 1, table 3/4). Role
 * cards keep their key in {@link #AUTHENTICATION} (9A), which signs only after the PIN.
 */
public enum PivSlot {
  AUTHENTICATION(0x9A, 0x5FC105),
  SIGNATURE(0x9C, 0x5FC10A),
  KEY_MANAGEMENT(0x9D, 0x5FC10B),
  CARD_AUTHENTICATION(0x9E, 0x5FC101);

  private final int keyReference;
  private final int certificateTag;

  PivSlot(int keyReference, int certificateTag) {
    this.keyReference = keyReference;
    this.certificateTag = certificateTag;
  }

  /** The key reference used as P2 of GENERAL AUTHENTICATE. */
  public int keyReference() {
    return keyReference;
  }

  /** The 3-byte tag of the data object holding this slot's certificate. */
  public int certificateTag() {
    return certificateTag;
  }

  /** The slot whose certificate object has {@code tag}, if any. */
  public static java.util.Optional<PivSlot> byCertificateTag(int tag) {
    for (PivSlot s : values()) {
      if (s.certificateTag == tag) {
        return java.util.Optional.of(s);
      }
    }
    return java.util.Optional.empty();
  }

  /** The slot with key reference {@code ref}, if any. */
  public static java.util.Optional<PivSlot> byKeyReference(int ref) {
    for (PivSlot s : values()) {
      if (s.keyReference == ref) {
        return java.util.Optional.of(s);
      }
    }
    return java.util.Optional.empty();
  }
}
