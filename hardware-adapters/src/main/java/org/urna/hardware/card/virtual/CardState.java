package org.urna.hardware.card.virtual;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.urna.hardware.card.piv.Pin;

/**
 * What a virtual PIV card keeps across insertions (docs/decisions/0101): the slot 9A key and
 * certificate, the PIN as a salted hash, and the PIN retry counter.
 */
public record CardState(
    byte[] guid,
    byte[] certificateDer,
    byte[] privateKeyPkcs8,
    byte[] pinSalt,
    byte[] pinHash,
    int triesMax,
    int triesLeft) {
  public CardState {
    Objects.requireNonNull(guid);
    Objects.requireNonNull(certificateDer);
    Objects.requireNonNull(privateKeyPkcs8);
    Objects.requireNonNull(pinSalt);
    Objects.requireNonNull(pinHash);
    if (guid.length != 16) {
      throw new IllegalArgumentException("the card GUID is 16 bytes");
    }
    if (triesMax < 1 || triesMax > 15 || triesLeft < 0 || triesLeft > triesMax) {
      throw new IllegalArgumentException("PIN tries must satisfy 0 <= left <= max <= 15");
    }
    guid = guid.clone();
    certificateDer = certificateDer.clone();
    privateKeyPkcs8 = privateKeyPkcs8.clone();
    pinSalt = pinSalt.clone();
    pinHash = pinHash.clone();
  }

  /** A fresh card: the given key and certificate, {@code pin}, three tries. */
  public static CardState issue(
      byte[] certificateDer, byte[] privateKeyPkcs8, Pin pin, SecureRandom random) {
    byte[] guid = new byte[16];
    random.nextBytes(guid);
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return new CardState(guid, certificateDer, privateKeyPkcs8, salt, hash(salt, pin), 3, 3);
  }

  public boolean pinMatches(Pin pin) {
    return MessageDigest.isEqual(pinHash, hash(pinSalt, pin));
  }

  public CardState withTriesLeft(int left) {
    return new CardState(guid, certificateDer, privateKeyPkcs8, pinSalt, pinHash, triesMax, left);
  }

  public boolean blocked() {
    return triesLeft == 0;
  }

  static byte[] hash(byte[] salt, Pin pin) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update("urna/v1/virtual-card-pin".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      d.update(salt);
      byte[] digits = pin.digits();
      d.update(digits);
      Arrays.fill(digits, (byte) 0);
      return d.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public byte[] guid() {
    return guid.clone();
  }

  @Override
  public byte[] certificateDer() {
    return certificateDer.clone();
  }

  @Override
  public byte[] privateKeyPkcs8() {
    return privateKeyPkcs8.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CardState s
        && Arrays.equals(s.guid, guid)
        && Arrays.equals(s.certificateDer, certificateDer)
        && Arrays.equals(s.privateKeyPkcs8, privateKeyPkcs8)
        && Arrays.equals(s.pinSalt, pinSalt)
        && Arrays.equals(s.pinHash, pinHash)
        && s.triesMax == triesMax
        && s.triesLeft == triesLeft;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(guid) * 31 + triesLeft;
  }

  /** Never prints the key or the PIN hash. */
  @Override
  public String toString() {
    return "CardState[tries %d/%d]".formatted(triesLeft, triesMax);
  }
}
