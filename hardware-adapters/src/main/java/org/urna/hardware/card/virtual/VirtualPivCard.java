package org.urna.hardware.card.virtual;

import static org.urna.hardware.card.apdu.StatusWord.*;
import static org.urna.hardware.card.piv.PivApplication.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import org.urna.hardware.card.CardDataException;
import org.urna.hardware.card.apdu.CommandApdu;
import org.urna.hardware.card.apdu.ResponseApdu;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.PivObjects;
import org.urna.hardware.card.piv.Puk;
import org.urna.hardware.card.tlv.BerTlv;
import org.urna.hardware.card.tlv.Tlv;

/**
 * A PIV card (NIST SP 800-73-4 subset: SELECT, GET DATA, VERIFY, CHANGE REFERENCE DATA, RESET RETRY
 * COUNTER, GENERAL AUTHENTICATE with ECC P-256, GET RESPONSE, command chaining) in plain Java, with
 * no I/O of its own: {@link VpcdCardConnection} puts it into pcscd's virtual reader, {@code
 * SimulatedCardReader} hosts it in-process. The selected application, PIN status, pending response
 * and command chain are volatile and dropped on power off, power on and reset; a retry counter is
 * persisted before the PIN or PUK is compared. A SELECT of another application fails (6A82) and
 * leaves the PIV application selected, as ISO/IEC 7816-4 says and as yubico-piv-tool expects.
 */
public final class VirtualPivCard {
  private static final int MAX_CHAIN = 4096;

  private final CardStateStore store;
  private final PrivateKey key;
  private CardState state;

  private boolean selected;
  private boolean pinVerified;
  private byte[] pending;
  private CommandApdu chainHeader;
  private ByteArrayOutputStream chain;

  public VirtualPivCard(CardState state, CardStateStore store) {
    this.state = state;
    this.store = store;
    try {
      this.key =
          KeyFactory.getInstance("EC")
              .generatePrivate(new PKCS8EncodedKeySpec(state.privateKeyPkcs8()));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the card's private key is not an EC PKCS#8 key", e);
    }
  }

  /** The answer-to-reset: T=0 and T=1, historical bytes "Urna PIV". */
  public byte[] atr() {
    byte[] hist = "Urna PIV".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] atr = new byte[4 + hist.length + 1];
    atr[0] = 0x3B;
    atr[1] = (byte) (0x80 | hist.length);
    atr[2] = (byte) 0x80;
    atr[3] = 0x01;
    System.arraycopy(hist, 0, atr, 4, hist.length);
    int tck = 0;
    for (int i = 1; i < atr.length - 1; i++) {
      tck ^= atr[i];
    }
    atr[atr.length - 1] = (byte) tck;
    return atr;
  }

  public synchronized void powerOff() {
    dropVolatileState();
  }

  public synchronized void powerOn() {
    dropVolatileState();
  }

  public synchronized void reset() {
    dropVolatileState();
  }

  /** The state as last persisted (tests look at the retry counter). */
  public synchronized CardState state() {
    return state;
  }

  /** Answers one command APDU. */
  public synchronized byte[] process(byte[] apduBytes) {
    CommandApdu c;
    try {
      c = CommandApdu.parse(apduBytes);
    } catch (CardDataException e) {
      return sw(WRONG_LENGTH);
    }
    return handle(c).encode();
  }

  private ResponseApdu handle(CommandApdu c) {
    if ((c.cla() & ~CommandApdu.CLA_CHAINING) != 0) {
      return new ResponseApdu(CLA_NOT_SUPPORTED);
    }
    if (c.ins() != INS_GET_RESPONSE) {
      pending = null;
    }
    if (c.isChained()) {
      return collectChain(c);
    }
    if (chain != null) {
      if (!sameHeader(chainHeader, c)) {
        chain = null;
        return new ResponseApdu(LAST_COMMAND_OF_CHAIN_EXPECTED);
      }
      chain.writeBytes(c.data());
      byte[] all = chain.toByteArray();
      chain = null;
      return dispatch(c, all);
    }
    return dispatch(c, c.data());
  }

  private ResponseApdu collectChain(CommandApdu c) {
    if (chain != null && !sameHeader(chainHeader, c)) {
      chain = null;
      return new ResponseApdu(LAST_COMMAND_OF_CHAIN_EXPECTED);
    }
    if (chain == null) {
      chain = new ByteArrayOutputStream();
      chainHeader = c;
    }
    if (chain.size() + c.dataLength() > MAX_CHAIN) {
      chain = null;
      return new ResponseApdu(WRONG_LENGTH);
    }
    chain.writeBytes(c.data());
    return new ResponseApdu(SUCCESS);
  }

  private static boolean sameHeader(CommandApdu a, CommandApdu b) {
    return a.ins() == b.ins() && a.p1() == b.p1() && a.p2() == b.p2();
  }

  private ResponseApdu dispatch(CommandApdu c, byte[] data) {
    return switch (c.ins()) {
      case INS_SELECT -> select(c, data);
      case INS_GET_RESPONSE -> getResponse(c);
      case INS_GET_DATA,
          INS_VERIFY,
          INS_CHANGE_REFERENCE_DATA,
          INS_RESET_RETRY_COUNTER,
          INS_GENERAL_AUTHENTICATE ->
          !selected
              ? new ResponseApdu(CONDITIONS_NOT_SATISFIED)
              : switch (c.ins()) {
                case INS_GET_DATA -> getData(c, data);
                case INS_VERIFY -> verify(c, data);
                case INS_CHANGE_REFERENCE_DATA -> changeReferenceData(c, data);
                case INS_RESET_RETRY_COUNTER -> resetRetryCounter(c, data);
                default -> generalAuthenticate(c, data);
              };
      default -> new ResponseApdu(INS_NOT_SUPPORTED);
    };
  }

  private ResponseApdu select(CommandApdu c, byte[] aid) {
    if (c.p1() != 0x04 || c.p2() != 0x00) {
      return new ResponseApdu(INCORRECT_P1P2);
    }
    boolean matches =
        aid.length >= 5
            && aid.length <= AID.length
            && Arrays.equals(aid, Arrays.copyOf(AID, aid.length));
    if (!matches) {
      // ISO/IEC 7816-4 7.1.1: a failed selection leaves the current one as it was.
      return new ResponseApdu(FILE_NOT_FOUND);
    }
    selected = true;
    return respond(PivObjects.applicationPropertyTemplate(), c.ne());
  }

  private ResponseApdu getData(CommandApdu c, byte[] data) {
    if (c.p1() != 0x3F || c.p2() != 0xFF) {
      return new ResponseApdu(INCORRECT_P1P2);
    }
    int tag;
    try {
      Tlv list = BerTlv.parseOne(data);
      byte[] v = list.value();
      if (list.tag() != TAG_TAG_LIST || v.length < 1 || v.length > 3) {
        return new ResponseApdu(WRONG_DATA);
      }
      tag = 0;
      for (byte b : v) {
        tag = (tag << 8) | (b & 0xFF);
      }
    } catch (CardDataException e) {
      return new ResponseApdu(WRONG_DATA);
    }
    byte[] object =
        switch (tag) {
          case 0x5FC105 -> PivObjects.certificateObject(state.certificateDer());
          case OBJECT_DISCOVERY -> PivObjects.discoveryObject();
          case OBJECT_CHUID -> PivObjects.chuidObject(state.guid(), "20991231");
          default -> null;
        };
    return object == null ? new ResponseApdu(FILE_NOT_FOUND) : respond(object, c.ne());
  }

  private ResponseApdu verify(CommandApdu c, byte[] data) {
    if (c.p2() != PIN_REFERENCE) {
      return new ResponseApdu(REFERENCE_NOT_FOUND);
    }
    if (c.p1() == 0xFF) {
      if (data.length != 0) {
        return new ResponseApdu(INCORRECT_P1P2);
      }
      pinVerified = false;
      return new ResponseApdu(SUCCESS);
    }
    if (c.p1() != 0x00) {
      return new ResponseApdu(INCORRECT_P1P2);
    }
    if (data.length == 0) {
      if (state.blocked()) {
        return new ResponseApdu(AUTHENTICATION_BLOCKED);
      }
      return pinVerified ? new ResponseApdu(SUCCESS) : triesLeft(state.triesLeft());
    }
    if (data.length != 8) {
      return new ResponseApdu(WRONG_LENGTH);
    }
    if (state.blocked()) {
      return new ResponseApdu(AUTHENTICATION_BLOCKED);
    }
    Pin pin = Pin.fromPadded(data);
    if (pin == null) {
      return new ResponseApdu(WRONG_DATA);
    }
    // Count the try first: a card pulled during the comparison has still spent it.
    int left = state.triesLeft() - 1;
    if (!persist(state.withTriesLeft(left))) {
      return new ResponseApdu(NO_PRECISE_DIAGNOSIS);
    }
    if (state.pinMatches(pin)) {
      pinVerified = true;
      persist(state.withTriesLeft(state.triesMax()));
      return new ResponseApdu(SUCCESS);
    }
    pinVerified = false;
    return triesLeft(left);
  }

  /**
   * CHANGE REFERENCE DATA (SP 800-73-4 part 2, 3.2.2): {@code 00 24 00 80 10 <old PIN><new PIN>} or
   * {@code 00 24 00 81 10 <old PUK><new PUK>}. The old value is checked against its counter like
   * VERIFY; a malformed new value is refused (6A80) before any try is spent.
   */
  private ResponseApdu changeReferenceData(CommandApdu c, byte[] data) {
    if (c.p1() != 0x00) {
      return new ResponseApdu(INCORRECT_P1P2);
    }
    if (c.p2() != PIN_REFERENCE && c.p2() != PUK_REFERENCE) {
      return new ResponseApdu(REFERENCE_NOT_FOUND);
    }
    if (data.length != 16) {
      return new ResponseApdu(WRONG_LENGTH);
    }
    byte[] oldBlock = Arrays.copyOfRange(data, 0, 8);
    byte[] newBlock = Arrays.copyOfRange(data, 8, 16);
    if (c.p2() == PIN_REFERENCE) {
      Pin old = Pin.fromPadded(oldBlock);
      Pin next = Pin.fromPadded(newBlock);
      if (old == null || next == null) {
        return new ResponseApdu(WRONG_DATA);
      }
      if (state.blocked()) {
        return new ResponseApdu(AUTHENTICATION_BLOCKED);
      }
      int left = state.triesLeft() - 1;
      if (!persist(state.withTriesLeft(left))) {
        return new ResponseApdu(NO_PRECISE_DIAGNOSIS);
      }
      if (!state.pinMatches(old)) {
        pinVerified = false;
        return triesLeft(left);
      }
      return persist(state.withPin(next))
          ? new ResponseApdu(SUCCESS)
          : new ResponseApdu(NO_PRECISE_DIAGNOSIS);
    }
    Puk old = Puk.fromBlock(oldBlock);
    Puk next = Puk.fromBlock(newBlock);
    if (old == null || next == null) {
      return new ResponseApdu(WRONG_DATA);
    }
    if (state.pukBlocked()) {
      return new ResponseApdu(AUTHENTICATION_BLOCKED);
    }
    int left = state.pukTriesLeft() - 1;
    if (!persist(state.withPukTriesLeft(left))) {
      return new ResponseApdu(NO_PRECISE_DIAGNOSIS);
    }
    if (!state.pukMatches(old)) {
      return triesLeft(left);
    }
    return persist(state.withPuk(next))
        ? new ResponseApdu(SUCCESS)
        : new ResponseApdu(NO_PRECISE_DIAGNOSIS);
  }

  /**
   * RESET RETRY COUNTER (SP 800-73-4 part 2, 3.2.3): {@code 00 2C 00 80 10 <PUK><new PIN>}. A right
   * PUK sets the new PIN and gives back every PIN and PUK try; a wrong one spends a PUK try (63Cx,
   * 63C0 on the last, 6983 once blocked). The PIN is not verified by a reset.
   */
  private ResponseApdu resetRetryCounter(CommandApdu c, byte[] data) {
    if (c.p1() != 0x00) {
      return new ResponseApdu(INCORRECT_P1P2);
    }
    if (c.p2() != PIN_REFERENCE) {
      return new ResponseApdu(REFERENCE_NOT_FOUND);
    }
    if (data.length != 16) {
      return new ResponseApdu(WRONG_LENGTH);
    }
    Puk puk = Puk.fromBlock(Arrays.copyOfRange(data, 0, 8));
    Pin next = Pin.fromPadded(Arrays.copyOfRange(data, 8, 16));
    if (puk == null || next == null) {
      return new ResponseApdu(WRONG_DATA);
    }
    if (state.pukBlocked()) {
      return new ResponseApdu(AUTHENTICATION_BLOCKED);
    }
    int left = state.pukTriesLeft() - 1;
    if (!persist(state.withPukTriesLeft(left))) {
      return new ResponseApdu(NO_PRECISE_DIAGNOSIS);
    }
    if (!state.pukMatches(puk)) {
      return triesLeft(left);
    }
    pinVerified = false;
    return persist(state.withPin(next).withPukTriesLeft(state.pukTriesMax()))
        ? new ResponseApdu(SUCCESS)
        : new ResponseApdu(NO_PRECISE_DIAGNOSIS);
  }

  private ResponseApdu generalAuthenticate(CommandApdu c, byte[] data) {
    if (c.p1() != ALGORITHM_ECC_P256 || c.p2() != 0x9A) {
      return new ResponseApdu(INCORRECT_P1P2);
    }
    byte[] challenge;
    try {
      Tlv outer = BerTlv.parseOne(data);
      if (outer.tag() != TAG_DYNAMIC_AUTH) {
        return new ResponseApdu(WRONG_DATA);
      }
      List<Tlv> parts = outer.children();
      Tlv response = BerTlv.require(parts, TAG_WITNESS_RESPONSE, "response request");
      Tlv ch = BerTlv.require(parts, TAG_CHALLENGE, "challenge");
      if (response.length() != 0 || ch.length() != 32) {
        return new ResponseApdu(WRONG_DATA);
      }
      challenge = ch.value();
    } catch (CardDataException e) {
      return new ResponseApdu(WRONG_DATA);
    }
    if (!pinVerified) {
      return new ResponseApdu(SECURITY_STATUS_NOT_SATISFIED);
    }
    try {
      Signature s = Signature.getInstance("NONEwithECDSA");
      s.initSign(key);
      s.update(challenge);
      return respond(PivObjects.signResponse(s.sign()), c.ne());
    } catch (GeneralSecurityException e) {
      return new ResponseApdu(NO_PRECISE_DIAGNOSIS);
    }
  }

  private ResponseApdu getResponse(CommandApdu c) {
    if (c.p1() != 0 || c.p2() != 0) {
      return new ResponseApdu(INCORRECT_P1P2);
    }
    if (pending == null) {
      return new ResponseApdu(CONDITIONS_NOT_SATISFIED);
    }
    byte[] rest = pending;
    pending = null;
    return respond(rest, c.ne());
  }

  /** Sends at most Ne bytes (256 when absent) and keeps the rest for GET RESPONSE (61xx). */
  private ResponseApdu respond(byte[] data, int ne) {
    int max = ne == 0 ? 256 : ne;
    if (data.length <= max) {
      return new ResponseApdu(data, SUCCESS);
    }
    pending = Arrays.copyOfRange(data, max, data.length);
    int more = Math.min(pending.length, 256) & 0xFF;
    return new ResponseApdu(Arrays.copyOf(data, max), (SW1_BYTES_REMAINING << 8) | more);
  }

  private static ResponseApdu triesLeft(int left) {
    return new ResponseApdu((SW1_WARNING_COUNTER << 8) | 0xC0 | left);
  }

  private boolean persist(CardState next) {
    try {
      store.save(next);
      state = next;
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void dropVolatileState() {
    selected = false;
    pinVerified = false;
    pending = null;
    chain = null;
    chainHeader = null;
  }

  private static byte[] sw(int sw) {
    return new byte[] {(byte) (sw >>> 8), (byte) sw};
  }
}
