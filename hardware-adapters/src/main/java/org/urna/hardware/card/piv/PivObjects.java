package org.urna.hardware.card.piv;

import static org.urna.hardware.card.piv.PivApplication.*;

import java.util.List;
import org.urna.hardware.card.CardDataException;
import org.urna.hardware.card.tlv.BerTlv;
import org.urna.hardware.card.tlv.Tlv;

/** Encodings of the PIV data objects a role card carries, and their parsers. */
public final class PivObjects {
  private PivObjects() {}

  /**
   * The certificate object: {@code 53 { 70 <DER certificate> 71 01 00 FE 00 }} (SP 800-73-4 part 1,
   * table 10: CertInfo 00 = not compressed; empty error detection code).
   */
  public static byte[] certificateObject(byte[] certificateDer) {
    return BerTlv.encodeConstructed(
        TAG_DATA_OBJECT,
        BerTlv.encode(TAG_CERTIFICATE, certificateDer),
        BerTlv.encode(TAG_CERT_INFO, new byte[] {0}),
        BerTlv.encode(TAG_ERROR_DETECTION, new byte[0]));
  }

  /**
   * The DER certificate inside a certificate object.
   *
   * @throws CardDataException when the object is malformed, has no certificate or is compressed
   */
  public static byte[] certificateFrom(byte[] object) throws CardDataException {
    Tlv outer = BerTlv.parseOne(object);
    if (outer.tag() != TAG_DATA_OBJECT) {
      throw new CardDataException("a PIV data object starts with tag 53");
    }
    List<Tlv> inner = outer.children();
    Tlv cert = BerTlv.require(inner, TAG_CERTIFICATE, "the certificate");
    if (cert.length() == 0) {
      throw new CardDataException("the certificate is empty");
    }
    var info = BerTlv.find(inner, TAG_CERT_INFO);
    if (info.isPresent() && info.get().length() > 0 && (info.get().value()[0] & 0x01) != 0) {
      throw new CardDataException("compressed certificates are not supported");
    }
    return cert.value();
  }

  /** The GENERAL AUTHENTICATE request: {@code 7C { 82 00, 81 <challenge> }}. */
  public static byte[] signRequest(byte[] challenge) {
    return BerTlv.encodeConstructed(
        TAG_DYNAMIC_AUTH,
        BerTlv.encode(TAG_WITNESS_RESPONSE, new byte[0]),
        BerTlv.encode(TAG_CHALLENGE, challenge));
  }

  /** The GENERAL AUTHENTICATE answer: {@code 7C { 82 <DER signature> }}. */
  public static byte[] signResponse(byte[] derSignature) {
    return BerTlv.encodeConstructed(
        TAG_DYNAMIC_AUTH, BerTlv.encode(TAG_WITNESS_RESPONSE, derSignature));
  }

  /** The signature inside a GENERAL AUTHENTICATE answer. */
  public static byte[] signatureFrom(byte[] response) throws CardDataException {
    Tlv outer = BerTlv.parseOne(response);
    if (outer.tag() != TAG_DYNAMIC_AUTH) {
      throw new CardDataException("a GENERAL AUTHENTICATE answer starts with tag 7C");
    }
    Tlv sig = BerTlv.require(outer.children(), TAG_WITNESS_RESPONSE, "the signature");
    if (sig.length() == 0) {
      throw new CardDataException("the signature is empty");
    }
    return sig.value();
  }

  /**
   * The application property template answered to SELECT: {@code 61 { 4F PIX, 79 { 4F RID } }} (SP
   * 800-73-4 part 2, 3.1.1).
   */
  public static byte[] applicationPropertyTemplate() {
    return BerTlv.encodeConstructed(
        TAG_APT,
        BerTlv.encode(0x4F, PIX),
        BerTlv.encodeConstructed(0x79, BerTlv.encode(0x4F, java.util.Arrays.copyOf(AID, 5))),
        BerTlv.encode(0x50, "Urna role card".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
        BerTlv.encodeConstructed(
            0xAC,
            BerTlv.encode(0x80, new byte[] {ALGORITHM_ECC_P256}),
            BerTlv.encode(0x06, new byte[0])));
  }

  /**
   * The discovery object: {@code 7E { 4F <AID>, 5F2F 40 00 }} (PIV PIN only, SP 800-73-4 part 1,
   * 3.3.2).
   */
  public static byte[] discoveryObject() {
    return BerTlv.encodeConstructed(
        TAG_DISCOVERY, BerTlv.encode(0x4F, AID), BerTlv.encode(0x5F2F, new byte[] {0x40, 0x00}));
  }

  /**
   * A card holder unique identifier (CHUID): a FASC-N of the non-federal form (agency code 9999),
   * the card's GUID, its expiry date YYYYMMDD and an empty issuer signature (SP 800-73-4 part 1,
   * 3.1.2). Role cards are identified by their certificate, not by the CHUID.
   */
  public static byte[] chuidObject(byte[] guid16, String expiryYyyyMmDd) {
    byte[] fascn =
        java.util.HexFormat.of().parseHex("D4E739DA739CED39CE739D836858210842108421C84210C3EB");
    return BerTlv.encodeConstructed(
        TAG_DATA_OBJECT,
        BerTlv.encode(0x30, fascn),
        BerTlv.encode(0x34, guid16),
        BerTlv.encode(0x35, expiryYyyyMmDd.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
        BerTlv.encode(0x3E, new byte[0]),
        BerTlv.encode(TAG_ERROR_DETECTION, new byte[0]));
  }
}
