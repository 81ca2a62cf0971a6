package org.urna.tlog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A trusted public key of a log or a validator, written as a signed-note verifier key ("vkey"):
 * {@code <name>+<8 hex digits key ID>+<base64(type byte || 32-byte Ed25519 key)>}.
 */
public record NoteKey(String name, KeyType type, byte[] publicKey) {
  public NoteKey {
    checkName(name);
    if (type == null || publicKey == null || publicKey.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw new LedgerFormatException("an Ed25519 public key has 32 bytes");
    }
    publicKey = publicKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Key names are non-empty and contain no Unicode space, no '+' and no control character. */
  static String checkName(String name) {
    if (name == null || name.isEmpty()) {
      throw new LedgerFormatException("a key name is empty");
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (Character.isWhitespace(cp)
          || Character.isSpaceChar(cp)
          || cp == '+'
          || Character.isISOControl(cp)
          || Character.getType(cp) == Character.SURROGATE) {
        throw new LedgerFormatException("a key name contains a space, '+' or control character");
      }
      i += Character.charCount(cp);
    }
    return name;
  }

  /** key ID = SHA-256(key name || 0x0A || type || public key)[:4], big-endian. */
  public int keyId() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(name.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0x0A);
      md.update(type.id());
      md.update(publicKey);
      byte[] h = md.digest();
      return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
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

  public static NoteKey parse(String vkey) {
    if (vkey == null) {
      throw new LedgerFormatException("no verifier key");
    }
    String[] parts = vkey.split("\\+", 3);
    if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
      throw new LedgerFormatException(
          "a verifier key is name+keyid+key, the key ID in 8 hex digits");
    }
    byte[] typed;
    try {
      typed = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new LedgerFormatException("a verifier key's key is not base64");
    }
    if (typed.length != 1 + Ed25519.PUBLIC_KEY_SIZE) {
      throw new LedgerFormatException("a verifier key holds one type byte and 32 key bytes");
    }
    NoteKey key =
        new NoteKey(parts[0], KeyType.of(typed[0]), Arrays.copyOfRange(typed, 1, typed.length));
    if (key.keyId() != (int) Long.parseLong(parts[1], 16)) {
      throw new LedgerFormatException("the key ID does not match the key's name and bytes");
    }
    return key;
  }

  /** True when {@code sig} carries this key's name and key ID. */
  public boolean names(NoteSignature sig) {
    return sig.name().equals(name) && sig.keyId() == keyId();
  }

  /** Verifies a raw 64-byte Ed25519 signature over {@code message} (Bouncy Castle). */
  boolean verifyRaw(byte[] message, byte[] signature) {
    return signature.length == Ed25519.SIGNATURE_SIZE
        && Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteKey k
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
