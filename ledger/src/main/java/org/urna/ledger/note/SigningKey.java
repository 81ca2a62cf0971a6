package org.urna.ledger.note;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 private key with its note key name and signature type. Stored as the signed-note
 * private key string {@code PRIVATE+KEY+<name>+<hex key ID>+<base64(type || seed)>}. Never log it.
 */
public final class SigningKey {
  private final String name;
  private final SignatureType type;
  private final byte[] seed;
  private final byte[] publicKey;

  private SigningKey(String name, SignatureType type, byte[] seed) {
    this.name = KeyNames.check(name);
    this.type = type;
    if (seed.length != Ed25519.SECRET_KEY_SIZE) {
      throw new NoteFormatException("an Ed25519 seed has 32 bytes");
    }
    this.seed = seed.clone();
    this.publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(this.seed, 0, publicKey, 0);
  }

  public static SigningKey fromSeed(String name, SignatureType type, byte[] seed) {
    return new SigningKey(name, type, seed);
  }

  public static SigningKey generate(String name, SignatureType type, SecureRandom random) {
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    random.nextBytes(seed);
    return new SigningKey(name, type, seed);
  }

  public static SigningKey parse(String privateKey) {
    String p = privateKey == null ? "" : privateKey.strip();
    if (!p.startsWith("PRIVATE+KEY+")) {
      throw new NoteFormatException("a private key starts with PRIVATE+KEY+");
    }
    String[] parts = p.substring("PRIVATE+KEY+".length()).split("\\+", 3);
    if (parts.length != 3) {
      throw new NoteFormatException("a private key is PRIVATE+KEY+name+keyid+key");
    }
    byte[] typed;
    try {
      typed = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new NoteFormatException("a private key is not base64");
    }
    if (typed.length != 1 + Ed25519.SECRET_KEY_SIZE) {
      throw new NoteFormatException("a private key holds one type byte and a 32-byte seed");
    }
    SigningKey key =
        new SigningKey(
            parts[0], SignatureType.of(typed[0]), Arrays.copyOfRange(typed, 1, typed.length));
    if (!String.format("%08x", key.keyId()).equals(parts[1])) {
      throw new NoteFormatException("the private key's key ID does not match");
    }
    return key;
  }

  public String privateKeyString() {
    byte[] typed = new byte[1 + seed.length];
    typed[0] = type.id();
    System.arraycopy(seed, 0, typed, 1, seed.length);
    return "PRIVATE+KEY+"
        + name
        + "+"
        + String.format("%08x", keyId())
        + "+"
        + Base64.getEncoder().encodeToString(typed);
  }

  public String name() {
    return name;
  }

  public SignatureType type() {
    return type;
  }

  public int keyId() {
    return KeyNames.keyId(name, type, publicKey);
  }

  public VerifierKey verifierKey() {
    return new VerifierKey(name, type, publicKey);
  }

  /** A raw 64-byte Ed25519 signature over {@code message}. */
  public byte[] signRaw(byte[] message) {
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
    return sig;
  }

  @Override
  public String toString() {
    return "SigningKey[" + name + "]";
  }
}
