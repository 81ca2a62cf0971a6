package org.urna.tlog;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/** One signature line of a signed note: {@code — <name> base64(key ID || signature)}. */
public record NoteSignature(String name, int keyId, byte[] signature) {
  static final String DASH = "\u2014";

  public NoteSignature {
    NoteKey.checkName(name);
    if (signature == null || signature.length == 0) {
      throw new LedgerFormatException("a note signature is empty");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** Parses one line, without its final newline. */
  static NoteSignature parseLine(String line) {
    if (!line.startsWith(DASH + " ")) {
      throw new LedgerFormatException("a signature line starts with an em dash and a space");
    }
    String rest = line.substring(2);
    int space = rest.indexOf(' ');
    if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
      throw new LedgerFormatException("a signature line is '— name signature'");
    }
    String b64 = rest.substring(space + 1);
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new LedgerFormatException("a note signature is not base64");
    }
    if (raw.length < 5 || !Base64.getEncoder().encodeToString(raw).equals(b64)) {
      throw new LedgerFormatException("a note signature is a key ID and at least one byte");
    }
    return new NoteSignature(
        rest.substring(0, space),
        ByteBuffer.wrap(raw).getInt(),
        Arrays.copyOfRange(raw, 4, raw.length));
  }

  String line() {
    byte[] raw = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
    return DASH + " " + name + " " + Base64.getEncoder().encodeToString(raw) + "\n";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature s
        && s.name.equals(name)
        && s.keyId == keyId
        && Arrays.equals(s.signature, signature);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + keyId;
  }

  @Override
  public String toString() {
    return "NoteSignature[" + name + " " + String.format("%08x", keyId) + "]";
  }
}
