package org.urna.hardware.card.role;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.urna.hardware.card.ApduChannel;
import org.urna.hardware.card.CardIoException;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.PinResult;
import org.urna.hardware.card.piv.PivClient;
import org.urna.hardware.card.piv.PivSlot;
import org.urna.hardware.card.piv.Puk;

/**
 * The kiosk's side of a role card (docs/spec/role-cards.md): {@link #identify} reads and checks the
 * certificate, {@link #authenticate} verifies the PIN on the card and has the card sign a fresh
 * challenge, which is checked against the certified key. A role is granted only after both.
 */
public final class RoleCardAuthenticator {
  /** Domain separation of challenges (spec section 4). */
  static final byte[] CHALLENGE_TAG =
      "urna/v1/role-card-challenge".getBytes(StandardCharsets.US_ASCII);

  private final TrustPolicy policy;
  private final Clock clock;
  private final SecureRandom random;

  public RoleCardAuthenticator(TrustPolicy policy, Clock clock, SecureRandom random) {
    this.policy = policy;
    this.clock = clock;
    this.random = random;
  }

  /** Reads and checks the card in {@code reader} (runs on the reader's card thread). */
  public CardCheck identify(CardReader reader, String readerName, Duration timeout) {
    try {
      return reader.withCard(readerName, this::identify, timeout);
    } catch (CardIoException e) {
      return new CardCheck.Failed(e.fault(), e.getMessage());
    }
  }

  /** Unlocks a recognized card in {@code reader} with {@code pin}. */
  public AuthenticationResult authenticate(
      CardReader reader,
      String readerName,
      RoleCertificate certificate,
      Pin pin,
      Duration timeout) {
    try {
      return reader.withCard(readerName, ch -> authenticate(ch, certificate, pin), timeout);
    } catch (CardIoException e) {
      return new AuthenticationResult.Failed(e.fault(), e.getMessage());
    }
  }

  /** Steps 1–3 of the spec: SELECT, read the 9A certificate, parse it and check trust. */
  public CardCheck identify(ApduChannel channel) throws CardIoException {
    PivClient piv = new PivClient(channel);
    if (!piv.select()) {
      return new CardCheck.Refused(RefusalReason.NOT_A_ROLE_CARD, "no PIV application");
    }
    Optional<byte[]> der = piv.readCertificate(PivSlot.AUTHENTICATION);
    if (der.isEmpty()) {
      return new CardCheck.Refused(RefusalReason.NO_CERTIFICATE, "slot 9A holds no certificate");
    }
    try {
      RoleCertificate certificate = RoleCertificateParser.parse(der.get());
      policy.check(certificate, clock.instant());
      return new CardCheck.Recognized(certificate);
    } catch (RoleCertificateException e) {
      return new CardCheck.Refused(e.reason(), e.getMessage());
    }
  }

  /** Steps 4–5 of the spec: VERIFY the PIN, then GENERAL AUTHENTICATE a fresh challenge. */
  public AuthenticationResult authenticate(
      ApduChannel channel, RoleCertificate certificate, Pin pin) throws CardIoException {
    PivClient piv = new PivClient(channel);
    if (!piv.select()) {
      return new AuthenticationResult.Refused(RefusalReason.NOT_A_ROLE_CARD, "no PIV application");
    }
    switch (piv.verify(pin)) {
      case PinResult.Correct() -> {}
      case PinResult.Incorrect(int left) -> {
        return new AuthenticationResult.WrongPin(left);
      }
      case PinResult.Blocked() -> {
        return new AuthenticationResult.PinBlocked();
      }
    }
    byte[] nonce = new byte[32];
    random.nextBytes(nonce);
    byte[] message = challengeMessage(nonce);
    byte[] signature = piv.sign(PivSlot.AUTHENTICATION, sha256(message));
    if (!verifies(certificate, message, signature)) {
      return new AuthenticationResult.Refused(
          RefusalReason.CHALLENGE_NOT_SIGNED, "the challenge signature does not verify");
    }
    return new AuthenticationResult.Authenticated(
        new RoleSession(
            certificate.role(),
            certificate.jurisdiction(),
            certificate.election(),
            certificate.commonName(),
            certificate.serialHex(),
            clock.instant()));
  }

  /** Changes the PIN of the card in {@code reader} (CHANGE REFERENCE DATA). */
  public PinUpdate changePin(
      CardReader reader, String readerName, Pin current, Pin next, Duration timeout) {
    try {
      return reader.withCard(readerName, ch -> changePin(ch, current, next), timeout);
    } catch (CardIoException e) {
      return new PinUpdate.Failed(e.fault(), e.getMessage());
    }
  }

  /** Resets the blocked PIN of the card in {@code reader} with its PUK (RESET RETRY COUNTER). */
  public PinUpdate resetPin(
      CardReader reader, String readerName, Puk puk, Pin next, Duration timeout) {
    try {
      return reader.withCard(readerName, ch -> resetPin(ch, puk, next), timeout);
    } catch (CardIoException e) {
      return new PinUpdate.Failed(e.fault(), e.getMessage());
    }
  }

  public PinUpdate changePin(ApduChannel channel, Pin current, Pin next) throws CardIoException {
    PivClient piv = new PivClient(channel);
    if (!piv.select()) {
      return new PinUpdate.NotARoleCard();
    }
    return switch (piv.changePin(current, next)) {
      case PinResult.Correct() -> new PinUpdate.Changed();
      case PinResult.Incorrect(int left) -> new PinUpdate.WrongPin(left);
      case PinResult.Blocked() -> new PinUpdate.PinBlocked();
    };
  }

  public PinUpdate resetPin(ApduChannel channel, Puk puk, Pin next) throws CardIoException {
    PivClient piv = new PivClient(channel);
    if (!piv.select()) {
      return new PinUpdate.NotARoleCard();
    }
    return switch (piv.resetRetryCounter(puk, next)) {
      case PinResult.Correct() -> new PinUpdate.Changed();
      case PinResult.Incorrect(int left) -> new PinUpdate.WrongPuk(left);
      case PinResult.Blocked() -> new PinUpdate.PukBlocked();
    };
  }

  /** How the PIN stands, without spending a try. */
  public PinResult pinStatus(ApduChannel channel) throws CardIoException {
    PivClient piv = new PivClient(channel);
    piv.select();
    return piv.pinStatus();
  }

  /** The signed message: the tag, then the 32-byte nonce (spec section 4). */
  static byte[] challengeMessage(byte[] nonce) {
    byte[] m = new byte[CHALLENGE_TAG.length + nonce.length];
    System.arraycopy(CHALLENGE_TAG, 0, m, 0, CHALLENGE_TAG.length);
    System.arraycopy(nonce, 0, m, CHALLENGE_TAG.length, nonce.length);
    return m;
  }

  static boolean verifies(RoleCertificate certificate, byte[] message, byte[] derSignature) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initVerify(certificate.publicKey());
      s.update(message);
      return s.verify(derSignature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static byte[] sha256(byte[] m) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(m);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
