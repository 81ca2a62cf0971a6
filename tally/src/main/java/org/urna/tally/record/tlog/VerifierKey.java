package org.urna.tally.record.tlog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A C2SP signed-note verifier key ({@code <name>+<key ID hex>+<base64(type || key)>}), type 0x01
 * (Ed25519 note signature) or 0x04 (tlog-cosignature/v1). Written from the C2SP specs for the
 * election record verifier (docs/decisions/0405-record-verifies-c2sp-inside-tally.md).
 */
public record VerifierKey(String name, int type, byte[] publicKey) {
  public static final int ED25519 = 0x01;
  public static final int COSIGNATURE = 0x04;

  public VerifierKey {
    publicKey = publicKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** {@code SHA-256(name || 0x0A || type || key)[:4]} big-endian. */
  public int keyId() {
    return keyId(name, type, publicKey);
  }

  public static int keyId(String name, int type, byte[] publicKey) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(name.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0x0A);
      md.update((byte) type);
      md.update(publicKey);
      byte[] h = md.digest();
      return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String vkey() {
    byte[] typed = new byte[33];
    typed[0] = (byte) type;
    System.arraycopy(publicKey, 0, typed, 1, 32);
    return name
        + "+"
        + String.format("%08x", keyId())
        + "+"
        + Base64.getEncoder().encodeToString(typed);
  }

  public static VerifierKey parse(String vkey) throws TlogFormatException {
    String[] parts = vkey.split("\\+", 3);
    if (parts.length != 3 || parts[0].isEmpty() || !parts[1].matches("[0-9a-f]{8}")) {
      throw new TlogFormatException("a verifier key is <name>+<8 hex digits>+<base64 key>");
    }
    byte[] typed;
    try {
      typed = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new TlogFormatException("a verifier key's key is not base64");
    }
    if (typed.length != 33
        || (typed[0] != ED25519 && typed[0] != COSIGNATURE)
        || !Base64.getEncoder().encodeToString(typed).equals(parts[2])) {
      throw new TlogFormatException("a verifier key is type 0x01 or 0x04 and 32 key bytes");
    }
    VerifierKey k = new VerifierKey(parts[0], typed[0], Arrays.copyOfRange(typed, 1, 33));
    if (k.keyId() != (int) Long.parseLong(parts[1], 16)) {
      throw new TlogFormatException("the key ID of " + parts[0] + " does not match its key");
    }
    return k;
  }

  /** Verifies a raw Ed25519 signature (RFC 8032, Bouncy Castle). */
  public boolean verifies(byte[] message, byte[] signature) {
    return signature.length == 64
        && Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
  }
}
