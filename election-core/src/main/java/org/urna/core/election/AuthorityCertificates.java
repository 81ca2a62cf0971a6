package org.urna.core.election;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcEdECContentSignerBuilder;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.SigningKey;
import org.urna.core.crypto.VerifyingKey;

/**
 * Issues the election authority's certificates in the profile of spec section 6: X.509 v3, Ed25519
 * keys and signatures, a self-signed root (CA, may sign certificates only) and a signing
 * certificate it issues (not a CA, digital signatures only). Bouncy Castle builds the DER; Ed25519
 * is deterministic and the serial number is derived from the key, so the same inputs always give
 * the same bytes.
 */
public final class AuthorityCertificates {
  static final AlgorithmIdentifier ED25519 =
      new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519);

  private AuthorityCertificates() {}

  /** A self-signed root certificate for {@code rootKey}. */
  public static byte[] issueRoot(
      SigningKey rootKey, String commonName, Instant notBefore, Instant notAfter) {
    X500Name name = name(commonName);
    return build(
        rootKey,
        name,
        name,
        rootKey.publicKey(),
        notBefore,
        notAfter,
        new BasicConstraints(0),
        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
  }

  /** A package-signing certificate for {@code signingKey}, issued by the root. */
  public static byte[] issueSigning(
      SigningKey rootKey,
      byte[] rootCertificate,
      VerifyingKey signingKey,
      String commonName,
      Instant notBefore,
      Instant notAfter) {
    X500Name issuer;
    try {
      issuer = new X509CertificateHolder(rootCertificate).getSubject();
    } catch (IOException e) {
      throw new IllegalArgumentException("the root certificate is not DER X.509", e);
    }
    return build(
        rootKey,
        issuer,
        name(commonName),
        signingKey,
        notBefore,
        notAfter,
        new BasicConstraints(false),
        new KeyUsage(KeyUsage.digitalSignature));
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, commonName)
        .addRDN(BCStyle.O, "Urna election authority")
        .build();
  }

  private static byte[] build(
      SigningKey issuerKey,
      X500Name issuer,
      X500Name subject,
      VerifyingKey subjectKey,
      Instant notBefore,
      Instant notAfter,
      BasicConstraints constraints,
      KeyUsage usage) {
    byte[] serial =
        Arrays.copyOf(
            Hash.tagged("certificate-serial")
                .part(subjectKey)
                .part(notBefore.getEpochSecond())
                .digest(),
            16);
    X509v3CertificateBuilder b =
        new X509v3CertificateBuilder(
            issuer,
            new BigInteger(1, serial),
            Date.from(notBefore),
            Date.from(notAfter),
            subject,
            new SubjectPublicKeyInfo(ED25519, subjectKey.toBytes()));
    try {
      add(b, Extension.basicConstraints, constraints);
      add(b, Extension.keyUsage, usage);
      ContentSigner signer =
          new BcEdECContentSignerBuilder(ED25519)
              .build(new Ed25519PrivateKeyParameters(issuerKey.seed(), 0));
      return b.build(signer).getEncoded();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("Bouncy Castle has no Ed25519 signer", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(X509v3CertificateBuilder b, ASN1ObjectIdentifier oid, ASN1Encodable v)
      throws IOException {
    b.addExtension(oid, true, v);
  }
}
