package org.urna.tlog;

/** The signed-note signature types the ledger uses (C2SP signed-note, "Signature types"). */
public enum KeyType {
  /** 0x01: Ed25519 over the note text; the log's own checkpoint signature. */
  ED25519((byte) 0x01),
  /** 0x04: timestamped Ed25519 cosignature (C2SP tlog-cosignature, cosignature/v1). */
  COSIGNATURE_V1((byte) 0x04);

  private final byte id;

  KeyType(byte id) {
    this.id = id;
  }

  public byte id() {
    return id;
  }

  static KeyType of(byte id) {
    for (KeyType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    throw new LedgerFormatException(
        "signature type 0x" + String.format("%02x", id & 0xff) + " is not one this kiosk accepts");
  }
}
