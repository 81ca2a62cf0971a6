package org.urna.ledger.note;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A public key that checks note signatures, written as a signed-note "vkey": {@code <name>+<hex key
 * ID>+<base64(type || public key)>}.
 */
public record VerifierKey(String name, SignatureType type, byte[] publicKey) {
  public VerifierKey {
    KeyNames.check(name);
    if (type == null || publicKey == null || publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw new NoteFormatException("an Ed25519 public key has 32 bytes");
    }
    publicKey = publicKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  public int keyId() {
    return KeyNames.keyId(name, type, publicKey);
  }

  public String vkey() {
    byte[] typed = new byte[1 + publicKey.length];
    typed[0] = type.id();
    System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
    return name
        + "+"
        + String.format("%08x", keyId())
        + "+"
        + Base64.getEncoder().encodeToString(typed);
  }

  public static VerifierKey parse(String vkey) {
    if (vkey == null) {
      throw new NoteFormatException("no verifier key");
    }
    String[] parts = vkey.split("\\+", 3);
    if (parts.length != 3 || parts[1].length() != 8) {
      throw new NoteFormatException("a verifier key is name+keyid+key");
    }
    byte[] typed;
    int id;
    try {
      id = (int) Long.parseLong(parts[1], 16);
      if (!parts[1].equals(parts[1].toLowerCase()) || parts[1].startsWith("-")) {
        throw new NoteFormatException("a key ID is 8 lowercase hex digits");
      }
      typed = Base64.getDecoder().decode(parts[2]);
      HexFormat.of().parseHex(parts[1]);
    } catch (IllegalArgumentException e) {
      throw new NoteFormatException("a verifier key has a bad key ID or base64 key");
    }
    if (typed.length != 1 + Ed25519.PUBLIC_KEY_SIZE) {
      throw new NoteFormatException("a verifier key holds one type byte and 32 key bytes");
    }
    VerifierKey key =
        new VerifierKey(
            parts[0], SignatureType.of(typed[0]), Arrays.copyOfRange(typed, 1, typed.length));
    if (key.keyId() != id) {
      throw new NoteFormatException("the key ID does not match the name and key");
    }
    return key;
  }

  /** Verifies a raw Ed25519 signature over {@code message}. */
  public boolean verifyRaw(byte[] message, byte[] signature) {
    return signature.length == Ed25519.SIGNATURE_SIZE
        && Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }

  /** True when {@code sig} carries this key's name and key ID. */
  public boolean matches(NoteSignature sig) {
    return sig.name().equals(name) && sig.keyId() == keyId();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifierKey k
        && k.name.equals(name)
        && k.type == type
        && Arrays.equals(k.publicKey, publicKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return vkey();
  }
}
