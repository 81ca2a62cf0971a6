package org.urna.hardware.card.piv;

import static org.urna.hardware.card.piv.PivApplication.*;

import java.util.Optional;
import org.urna.hardware.card.ApduChannel;
import org.urna.hardware.card.CardDataException;
import org.urna.hardware.card.CardFault;
import org.urna.hardware.card.CardIoException;
import org.urna.hardware.card.apdu.ChainingChannel;
import org.urna.hardware.card.apdu.CommandApdu;
import org.urna.hardware.card.apdu.ResponseApdu;
import org.urna.hardware.card.apdu.StatusWord;

/**
 * The PIV commands a role card needs (NIST SP 800-73-4 part 2): SELECT, GET DATA, VERIFY, CHANGE
 * REFERENCE DATA, RESET RETRY COUNTER, GENERAL AUTHENTICATE, over any {@link ApduChannel} (chaining
 * and GET RESPONSE handled here).
 */
public final class PivClient {
  private final ApduChannel channel;

  public PivClient(ApduChannel raw) {
    this.channel = new ChainingChannel(raw);
  }

  /**
   * Selects the PIV application.
   *
   * @return false when the card has no PIV application (6A82)
   */
  public boolean select() throws CardIoException {
    ResponseApdu r =
        channel.transmit(new CommandApdu(0x00, INS_SELECT, 0x04, 0x00, AID_SELECT, 256));
    if (r.sw() == StatusWord.FILE_NOT_FOUND) {
      return false;
    }
    expectSuccess(r, "SELECT");
    return true;
  }

  /** Reads a data object; empty when the card does not hold it (6A82). */
  public Optional<byte[]> getData(int objectTag) throws CardIoException {
    ResponseApdu r =
        channel.transmit(new CommandApdu(0x00, INS_GET_DATA, 0x3F, 0xFF, tagList(objectTag), 256));
    if (r.sw() == StatusWord.FILE_NOT_FOUND) {
      return Optional.empty();
    }
    expectSuccess(r, "GET DATA");
    return Optional.of(r.data());
  }

  /** The DER certificate of {@code slot}; empty when the slot holds none. */
  public Optional<byte[]> readCertificate(PivSlot slot) throws CardIoException {
    Optional<byte[]> object = getData(slot.certificateTag());
    if (object.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(PivObjects.certificateFrom(object.get()));
    } catch (CardDataException e) {
      throw new CardIoException(CardFault.CARD_NOT_UNDERSTOOD, e.getMessage(), e);
    }
  }

  /** Presents the PIN. A wrong PIN spends one try on the card. */
  public PinResult verify(Pin pin) throws CardIoException {
    return pinResult(
        channel.transmit(new CommandApdu(0x00, INS_VERIFY, 0x00, PIN_REFERENCE, pin.padded(), 0)));
  }

  /** Asks how the PIN stands without spending a try (VERIFY with no data). */
  public PinResult pinStatus() throws CardIoException {
    return pinResult(channel.transmit(new CommandApdu(0x00, INS_VERIFY, 0x00, PIN_REFERENCE)));
  }

  /**
   * Changes the PIN (CHANGE REFERENCE DATA, key reference 80). A wrong {@code current} spends one
   * PIN try, as VERIFY does.
   *
   * @return {@link PinResult.Correct} when the card now holds {@code next}
   */
  public PinResult changePin(Pin current, Pin next) throws CardIoException {
    return referenceResult(
        channel.transmit(
            new CommandApdu(
                0x00,
                INS_CHANGE_REFERENCE_DATA,
                0x00,
                PIN_REFERENCE,
                concat(current.padded(), next.padded()),
                0)),
        "CHANGE REFERENCE DATA");
  }

  /**
   * Changes the PUK (CHANGE REFERENCE DATA, key reference 81). A wrong {@code current} spends one
   * PUK try.
   */
  public PinResult changePuk(Puk current, Puk next) throws CardIoException {
    return referenceResult(
        channel.transmit(
            new CommandApdu(
                0x00,
                INS_CHANGE_REFERENCE_DATA,
                0x00,
                PUK_REFERENCE,
                concat(current.block(), next.block()),
                0)),
        "CHANGE REFERENCE DATA");
  }

  /**
   * Unblocks the PIN with the PUK and sets {@code next} (RESET RETRY COUNTER). The result counts
   * PUK tries: {@link PinResult.Incorrect} says how many PUK tries remain, {@link
   * PinResult.Blocked} that the PUK itself is blocked.
   */
  public PinResult resetRetryCounter(Puk puk, Pin next) throws CardIoException {
    return referenceResult(
        channel.transmit(
            new CommandApdu(
                0x00,
                INS_RESET_RETRY_COUNTER,
                0x00,
                PIN_REFERENCE,
                concat(puk.block(), next.padded()),
                0)),
        "RESET RETRY COUNTER");
  }

  /**
   * Has the card sign a 32-byte value with the P-256 key of {@code slot}.
   *
   * @return the DER-encoded ECDSA signature
   */
  public byte[] sign(PivSlot slot, byte[] digest) throws CardIoException {
    if (digest.length != 32) {
      throw new IllegalArgumentException("P-256 signs a 32-byte value");
    }
    ResponseApdu r =
        channel.transmit(
            new CommandApdu(
                0x00,
                INS_GENERAL_AUTHENTICATE,
                ALGORITHM_ECC_P256,
                slot.keyReference(),
                PivObjects.signRequest(digest),
                256));
    if (r.sw() == StatusWord.SECURITY_STATUS_NOT_SATISFIED) {
      throw new CardIoException(
          CardFault.CARD_NOT_UNDERSTOOD, "the card wants the PIN before it signs (6982)");
    }
    expectSuccess(r, "GENERAL AUTHENTICATE");
    try {
      return PivObjects.signatureFrom(r.data());
    } catch (CardDataException e) {
      throw new CardIoException(CardFault.CARD_NOT_UNDERSTOOD, e.getMessage(), e);
    }
  }

  /** Reads a VERIFY status word as a {@link PinResult}. */
  public static PinResult pinResult(ResponseApdu r) throws CardIoException {
    if (r.isSuccess()) {
      return new PinResult.Correct();
    }
    if (r.sw() == StatusWord.AUTHENTICATION_BLOCKED) {
      return new PinResult.Blocked();
    }
    if (r.sw1() == StatusWord.SW1_WARNING_COUNTER && (r.sw2() & 0xF0) == 0xC0) {
      int left = r.sw2() & 0x0F;
      return left == 0 ? new PinResult.Blocked() : new PinResult.Incorrect(left);
    }
    throw new CardIoException(
        CardFault.CARD_NOT_UNDERSTOOD, "VERIFY answered %04X".formatted(r.sw()));
  }

  private static PinResult referenceResult(ResponseApdu r, String command) throws CardIoException {
    if (r.sw() == StatusWord.WRONG_DATA) {
      throw new CardIoException(
          CardFault.CARD_NOT_UNDERSTOOD, command + " refused the new value (6A80)");
    }
    try {
      return pinResult(r);
    } catch (CardIoException e) {
      throw new CardIoException(
          CardFault.CARD_NOT_UNDERSTOOD, "%s answered %04X".formatted(command, r.sw()));
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    java.util.Arrays.fill(a, (byte) 0);
    java.util.Arrays.fill(b, (byte) 0);
    return out;
  }

  private static void expectSuccess(ResponseApdu r, String command) throws CardIoException {
    if (!r.isSuccess()) {
      throw new CardIoException(
          CardFault.CARD_NOT_UNDERSTOOD, "%s answered %04X".formatted(command, r.sw()));
    }
  }
}
