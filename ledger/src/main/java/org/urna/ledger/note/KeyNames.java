package org.urna.ledger.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Key names and key IDs of the C2SP signed-note format. */
public final class KeyNames {
  private KeyNames() {}

  /** Key names are non-empty and contain no Unicode space and no '+'. */
  public static String check(String name) {
    if (name == null || name.isEmpty()) {
      throw new NoteFormatException("a key name is empty");
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if (Character.isWhitespace(cp)
          || Character.isSpaceChar(cp)
          || cp == '+'
          || cp < 0x20
          || cp == 0x7f) {
        throw new NoteFormatException("a key name contains a space, '+' or control character");
      }
      i += Character.charCount(cp);
    }
    return name;
  }

  /** key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian. */
  public static int keyId(String name, SignatureType type, byte[] publicKey) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(name.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0x0A);
      md.update(type.id());
      md.update(publicKey);
      byte[] h = md.digest();
      return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
