package org.urna.hardware.card.virtual;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.Puk;

/**
 * What a virtual PIV card keeps across insertions (docs/decisions/0101): the slot 9A key and
 * certificate, the PIN and the PUK as salted hashes, and their retry counters.
 */
public record CardState(
    byte[] guid,
    byte[] certificateDer,
    byte[] privateKeyPkcs8,
    byte[] pinSalt,
    byte[] pinHash,
    int triesMax,
    int triesLeft,
    byte[] pukSalt,
    byte[] pukHash,
    int pukTriesMax,
    int pukTriesLeft) {
  public CardState {
    Objects.requireNonNull(guid);
    Objects.requireNonNull(certificateDer);
    Objects.requireNonNull(privateKeyPkcs8);
    Objects.requireNonNull(pinSalt);
    Objects.requireNonNull(pinHash);
    Objects.requireNonNull(pukSalt);
    Objects.requireNonNull(pukHash);
    if (guid.length != 16) {
      throw new IllegalArgumentException("the card GUID is 16 bytes");
    }
    if (triesMax < 1 || triesMax > 15 || triesLeft < 0 || triesLeft > triesMax) {
      throw new IllegalArgumentException("PIN tries must satisfy 0 <= left <= max <= 15");
    }
    if (pukTriesMax < 1 || pukTriesMax > 15 || pukTriesLeft < 0 || pukTriesLeft > pukTriesMax) {
      throw new IllegalArgumentException("PUK tries must satisfy 0 <= left <= max <= 15");
    }
    guid = guid.clone();
    certificateDer = certificateDer.clone();
    privateKeyPkcs8 = privateKeyPkcs8.clone();
    pinSalt = pinSalt.clone();
    pinHash = pinHash.clone();
    pukSalt = pukSalt.clone();
    pukHash = pukHash.clone();
  }

  /** A fresh card: the given key and certificate, {@code pin} and {@code puk}, three tries each. */
  public static CardState issue(
      byte[] certificateDer, byte[] privateKeyPkcs8, Pin pin, Puk puk, SecureRandom random) {
    byte[] guid = new byte[16];
    random.nextBytes(guid);
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byte[] pukSalt = new byte[16];
    random.nextBytes(pukSalt);
    return new CardState(
        guid,
        certificateDer,
        privateKeyPkcs8,
        salt,
        hash(PIN_TAG, salt, pin.digits()),
        3,
        3,
        pukSalt,
        hash(PUK_TAG, pukSalt, puk.block()),
        3,
        3);
  }

  private static final String PIN_TAG = "urna/v1/virtual-card-pin";
  private static final String PUK_TAG = "urna/v1/virtual-card-puk";

  public boolean pinMatches(Pin pin) {
    return MessageDigest.isEqual(pinHash, hash(PIN_TAG, pinSalt, pin.digits()));
  }

  public boolean pukMatches(Puk puk) {
    return MessageDigest.isEqual(pukHash, hash(PUK_TAG, pukSalt, puk.block()));
  }

  public CardState withTriesLeft(int left) {
    return new CardState(
        guid,
        certificateDer,
        privateKeyPkcs8,
        pinSalt,
        pinHash,
        triesMax,
        left,
        pukSalt,
        pukHash,
        pukTriesMax,
        pukTriesLeft);
  }

  public CardState withPukTriesLeft(int left) {
    return new CardState(
        guid,
        certificateDer,
        privateKeyPkcs8,
        pinSalt,
        pinHash,
        triesMax,
        triesLeft,
        pukSalt,
        pukHash,
        pukTriesMax,
        left);
  }

  /** The PIN replaced by {@code pin}, its counter back to the maximum. */
  public CardState withPin(Pin pin) {
    return new CardState(
        guid,
        certificateDer,
        privateKeyPkcs8,
        pinSalt,
        hash(PIN_TAG, pinSalt, pin.digits()),
        triesMax,
        triesMax,
        pukSalt,
        pukHash,
        pukTriesMax,
        pukTriesLeft);
  }

  /** The PUK replaced by {@code puk}, its counter back to the maximum. */
  public CardState withPuk(Puk puk) {
    return new CardState(
        guid,
        certificateDer,
        privateKeyPkcs8,
        pinSalt,
        pinHash,
        triesMax,
        triesLeft,
        pukSalt,
        hash(PUK_TAG, pukSalt, puk.block()),
        pukTriesMax,
        pukTriesMax);
  }

  public boolean blocked() {
    return triesLeft == 0;
  }

  public boolean pukBlocked() {
    return pukTriesLeft == 0;
  }

  private static byte[] hash(String tag, byte[] salt, byte[] secret) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(tag.getBytes(StandardCharsets.US_ASCII));
      d.update(salt);
      d.update(secret);
      Arrays.fill(secret, (byte) 0);
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
  public byte[] pinSalt() {
    return pinSalt.clone();
  }

  @Override
  public byte[] pinHash() {
    return pinHash.clone();
  }

  @Override
  public byte[] pukSalt() {
    return pukSalt.clone();
  }

  @Override
  public byte[] pukHash() {
    return pukHash.clone();
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
        && s.triesLeft == triesLeft
        && Arrays.equals(s.pukSalt, pukSalt)
        && Arrays.equals(s.pukHash, pukHash)
        && s.pukTriesMax == pukTriesMax
        && s.pukTriesLeft == pukTriesLeft;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(guid) * 31 + triesLeft * 17 + pukTriesLeft;
  }

  /** Never prints the key or the PIN and PUK hashes. */
  @Override
  public String toString() {
    return "CardState[PIN tries %d/%d, PUK tries %d/%d]"
        .formatted(triesLeft, triesMax, pukTriesLeft, pukTriesMax);
  }
}
