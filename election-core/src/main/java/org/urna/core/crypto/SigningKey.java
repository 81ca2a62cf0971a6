package org.urna.core.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An Ed25519 private key (32-byte seed, RFC 8032). Never logged: toString hides it. */
public final class SigningKey {
  private final byte[] seed;
  private final VerifyingKey publicKey;

  private SigningKey(byte[] seed) {
    this.seed = seed;
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    this.publicKey = VerifyingKey.decode(pk);
  }

  public static SigningKey generate(SecureRandom random) {
    byte[] seed = new byte[Ed25519.SECRET_KEY_SIZE];
    random.nextBytes(seed);
    return new SigningKey(seed);
  }

  public static SigningKey fromSeed(byte[] seed) {
    if (seed.length != Ed25519.SECRET_KEY_SIZE) {
      throw new CryptoFormatException("an Ed25519 private key seed is 32 bytes");
    }
    return new SigningKey(seed.clone());
  }

  public static SigningKey fromHex(String hex) {
    return fromSeed(HexFormat.of().parseHex(hex));
  }

  public VerifyingKey publicKey() {
    return publicKey;
  }

  public Signature sign(byte[] message) {
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, message, 0, message.length, sig, 0);
    return Signature.decode(sig);
  }

  /** The seed, for writing a key file; handle with care. */
  public byte[] seed() {
    return seed.clone();
  }

  @Override
  public String toString() {
    return "SigningKey[" + publicKey.toHex() + "]";
  }
}
