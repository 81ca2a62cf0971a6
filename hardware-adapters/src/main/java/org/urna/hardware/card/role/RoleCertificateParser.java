package org.urna.hardware.card.role;

import static org.urna.hardware.card.role.RefusalReason.NO_ROLE;
import static org.urna.hardware.card.role.RefusalReason.UNREADABLE_CERTIFICATE;
import static org.urna.hardware.card.role.RefusalReason.UNSUPPORTED_KEY;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.urna.core.role.Role;

/**
 * Reads a role-card certificate (docs/spec/role-cards.md, section 2): an X.509 v3 certificate with
 * an EC P-256 key and the role and jurisdiction as subject attributes under {@link RoleOids}. Any
 * malformed input ends in a {@link RoleCertificateException}, never in another exception.
 */
public final class RoleCertificateParser {
  private static final int MAX_TEXT = 128;

  private RoleCertificateParser() {}

  public static RoleCertificate parse(byte[] der) throws RoleCertificateException {
    if (der == null || der.length == 0) {
      throw new RoleCertificateException(UNREADABLE_CERTIFICATE, "no certificate bytes");
    }
    try {
      X509CertificateHolder holder = new X509CertificateHolder(der);
      // Bouncy Castle checks the signature over a DER re-encoding of what it parsed, so a BER
      // variant (e.g. a BOOLEAN TRUE written as 01 instead of FF) would verify: accept DER only.
      if (!Arrays.equals(holder.toASN1Structure().getEncoded(ASN1Encoding.DER), der)) {
        throw new RoleCertificateException(UNREADABLE_CERTIFICATE, "not in canonical DER");
      }
      return parseHolder(holder, der);
    } catch (RoleCertificateException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports malformed DER with IOException and with several unchecked types.
      throw new RoleCertificateException(
          UNREADABLE_CERTIFICATE, "not a DER X.509 certificate: " + e.getClass().getSimpleName());
    }
  }

  private static RoleCertificate parseHolder(X509CertificateHolder holder, byte[] der)
      throws RoleCertificateException {
    if (holder.getVersionNumber() != 3) {
      throw new RoleCertificateException(UNREADABLE_CERTIFICATE, "not an X.509 v3 certificate");
    }
    X500Name subject = holder.getSubject();
    String roleValue =
        text(subject, RoleOids.ROLE)
            .orElseThrow(() -> new RoleCertificateException(NO_ROLE, "no role attribute"));
    Role role =
        Role.fromCertificateValue(roleValue)
            .orElseThrow(() -> new RoleCertificateException(NO_ROLE, "unknown role value"));
    String jurisdiction =
        text(subject, RoleOids.JURISDICTION)
            .orElseThrow(() -> new RoleCertificateException(NO_ROLE, "no jurisdiction attribute"));
    Optional<String> election = text(subject, RoleOids.ELECTION);
    String commonName = text(subject, BCStyle.CN).orElse("");
    return new RoleCertificate(
        commonName,
        role,
        jurisdiction,
        election,
        holder.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT),
        holder.getNotBefore().toInstant(),
        holder.getNotAfter().toInstant(),
        p256Key(holder.getSubjectPublicKeyInfo()),
        der);
  }

  /** The single text value of attribute {@code oid} in {@code name}, if present. */
  private static Optional<String> text(X500Name name, ASN1ObjectIdentifier oid)
      throws RoleCertificateException {
    RDN[] rdns = name.getRDNs(oid);
    if (rdns.length == 0) {
      return Optional.empty();
    }
    if (rdns.length > 1 || rdns[0].isMultiValued()) {
      throw new RoleCertificateException(
          UNREADABLE_CERTIFICATE, "attribute " + oid + " appears more than once");
    }
    ASN1Encodable value = rdns[0].getFirst().getValue();
    if (!(value instanceof ASN1String s)) {
      throw new RoleCertificateException(
          UNREADABLE_CERTIFICATE, "attribute " + oid + " is not text");
    }
    String text = s.getString();
    if (text.isBlank()
        || text.length() > MAX_TEXT
        || text.chars().anyMatch(Character::isISOControl)) {
      throw new RoleCertificateException(
          UNREADABLE_CERTIFICATE,
          "attribute " + oid + " is empty, too long or has control characters");
    }
    return Optional.of(text);
  }

  private static PublicKey p256Key(SubjectPublicKeyInfo spki) throws RoleCertificateException {
    AlgorithmIdentifier alg = spki.getAlgorithm();
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(alg.getAlgorithm())
        || !SECObjectIdentifiers.secp256r1.equals(alg.getParameters())) {
      throw new RoleCertificateException(UNSUPPORTED_KEY, "key is not EC P-256");
    }
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
    } catch (GeneralSecurityException | IOException e) {
      throw new RoleCertificateException(UNSUPPORTED_KEY, "the P-256 public key is malformed");
    }
  }
}
