package org.urna.core.election;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.bc.BcEdDSAContentVerifierProviderBuilder;
import org.urna.core.crypto.CryptoFormatException;
import org.urna.core.crypto.VerifyingKey;

/**
 * Steps P4 and P5 of spec section 7: the authority root is the pinned one and a well-formed Ed25519
 * CA; the authority certificate is issued by it, holds an Ed25519 signing key, and both are valid
 * at the time of the check. Yields the key that must have signed the package.
 */
final class AuthorityChain {
  private static final Set<ASN1ObjectIdentifier> KNOWN_CRITICAL =
      Set.of(Extension.basicConstraints, Extension.keyUsage);

  /** The checked signing certificate: its key and its validity period. */
  record Checked(VerifyingKey signingKey, Instant notBefore, Instant notAfter) {}

  private AuthorityChain() {}

  static Checked check(byte[] rootDer, byte[] certificateDer, TrustAnchor anchor, Instant at)
      throws ElectionPackageException {
    LoadStep p4 = LoadStep.P4_AUTHORITY_ROOT;
    if (!anchor.matches(rootDer)) {
      throw new ElectionPackageException(
          p4,
          "authorityRoot",
          "is not the election authority this kiosk trusts (its fingerprint is "
              + HexFormat.of().formatHex(TrustAnchor.sha256(rootDer))
              + "; this kiosk was set up to trust "
              + anchor.sha256Hex()
              + ")");
    }
    X509CertificateHolder root = parse(p4, "authorityRoot", rootDer);
    requireEd25519(p4, "authorityRoot", root);
    if (!root.getIssuer().equals(root.getSubject()) || !signedBy(root, root)) {
      throw new ElectionPackageException(p4, "authorityRoot", "is not a self-signed certificate");
    }
    BasicConstraints rootBc = BasicConstraints.fromExtensions(root.getExtensions());
    KeyUsage rootKu = KeyUsage.fromExtensions(root.getExtensions());
    if (rootBc == null
        || !rootBc.isCA()
        || rootKu == null
        || !rootKu.hasUsages(KeyUsage.keyCertSign)) {
      throw new ElectionPackageException(
          p4, "authorityRoot", "is not a certificate authority (may not issue certificates)");
    }
    requireValid(p4, "authorityRoot", root, at);

    LoadStep p5 = LoadStep.P5_AUTHORITY_CERTIFICATE;
    X509CertificateHolder cert = parse(p5, "authorityCertificate", certificateDer);
    requireEd25519(p5, "authorityCertificate", cert);
    if (!cert.getIssuer().equals(root.getSubject()) || !signedBy(cert, root)) {
      throw new ElectionPackageException(
          p5, "authorityCertificate", "was not issued by the trusted authority root");
    }
    BasicConstraints bc = BasicConstraints.fromExtensions(cert.getExtensions());
    KeyUsage ku = KeyUsage.fromExtensions(cert.getExtensions());
    if ((bc != null && bc.isCA()) || ku == null || !ku.hasUsages(KeyUsage.digitalSignature)) {
      throw new ElectionPackageException(
          p5,
          "authorityCertificate",
          "is not a signing certificate (it must allow digital signatures and not be a CA)");
    }
    requireValid(p5, "authorityCertificate", cert, at);
    VerifyingKey key;
    try {
      key = VerifyingKey.decode(cert.getSubjectPublicKeyInfo().getPublicKeyData().getOctets());
    } catch (CryptoFormatException e) {
      throw new ElectionPackageException(
          p5, "authorityCertificate", "does not hold a valid Ed25519 public key");
    }
    return new Checked(key, cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
  }

  private static X509CertificateHolder parse(LoadStep step, String field, byte[] der)
      throws ElectionPackageException {
    X509CertificateHolder h;
    try {
      h = new X509CertificateHolder(der);
    } catch (IOException | RuntimeException e) {
      throw new ElectionPackageException(step, field, "is not an X.509 certificate (DER)");
    }
    try {
      if (!Arrays.equals(h.getEncoded(), der)) {
        throw new ElectionPackageException(
            step, field, "is not in DER form (extra or re-ordered bytes)");
      }
    } catch (IOException e) {
      throw new ElectionPackageException(step, field, "is not an X.509 certificate (DER)");
    }
    if (h.getVersionNumber() != 3) {
      throw new ElectionPackageException(step, field, "must be an X.509 version 3 certificate");
    }
    Set<?> critical = h.getCriticalExtensionOIDs();
    for (Object oid : critical) {
      if (!KNOWN_CRITICAL.contains(oid)) {
        throw new ElectionPackageException(
            step, field, "has a critical extension this kiosk does not know (" + oid + ")");
      }
    }
    return h;
  }

  private static void requireEd25519(LoadStep step, String field, X509CertificateHolder h)
      throws ElectionPackageException {
    if (!AuthorityCertificates.ED25519.equals(h.getSubjectPublicKeyInfo().getAlgorithm())
        || !AuthorityCertificates.ED25519.equals(h.getSignatureAlgorithm())) {
      throw new ElectionPackageException(
          step, field, "must carry an Ed25519 key and an Ed25519 signature");
    }
  }

  private static boolean signedBy(X509CertificateHolder cert, X509CertificateHolder issuer) {
    try {
      return cert.isSignatureValid(new BcEdDSAContentVerifierProviderBuilder().build(issuer));
    } catch (Exception e) {
      return false;
    }
  }

  private static void requireValid(LoadStep step, String field, X509CertificateHolder h, Instant at)
      throws ElectionPackageException {
    if (!h.isValidOn(Date.from(at))) {
      Instant from = h.getNotBefore().toInstant();
      Instant to = h.getNotAfter().toInstant();
      throw new ElectionPackageException(
          step,
          field,
          at.isBefore(from)
              ? "is not valid yet: valid from " + from + " (now " + at + ")"
              : "has expired: valid until " + to + " (now " + at + ")");
    }
  }
}
