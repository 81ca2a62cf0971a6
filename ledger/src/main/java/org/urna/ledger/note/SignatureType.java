package org.urna.ledger.note;

/** The signed-note signature types this ledger uses (C2SP signed-note, "Signature types"). */
public enum SignatureType {
  /** 0x01: Ed25519 over the note text; the log's checkpoint signature. */
  ED25519((byte) 0x01),
  /** 0x04: timestamped Ed25519 cosignature (C2SP tlog-cosignature, cosignature/v1). */
  COSIGNATURE_V1((byte) 0x04);

  private final byte id;

  SignatureType(byte id) {
    this.id = id;
  }

  public byte id() {
    return id;
  }

  static SignatureType of(byte id) {
    for (SignatureType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    throw new NoteFormatException("unsupported signature type 0x" + String.format("%02x", id));
  }
}
