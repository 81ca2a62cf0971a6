package org.urna.hardware.card.role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An election authority that issues role certificates (ECDSA P-256, docs/spec/role-cards.md). Used
 * by {@code mint-cards} for demo cards and by tests; a real authority keeps its key offline.
 */
public final class CertificateAuthority {
  private final KeyPair keyPair;
  private final X509CertificateHolder certificate;
  private final SecureRandom random;

  private CertificateAuthority(
      KeyPair keyPair, X509CertificateHolder certificate, SecureRandom random) {
    this.keyPair = keyPair;
    this.certificate = certificate;
    this.random = random;
  }

  /** A new authority with a self-signed CA certificate named {@code name}. */
  public static CertificateAuthority create(
      String name, Instant notBefore, Instant notAfter, SecureRandom random) {
    KeyPair keys = newP256KeyPair(random);
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serial(random),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  subject,
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(keys.getPublic()));
      return new CertificateAuthority(keys, b.build(signer(keys.getPrivate())), random);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is missing from this JVM", e);
    }
  }

  /** An authority from its stored key pair and certificate (DER). */
  public static CertificateAuthority load(
      KeyPair keyPair, byte[] certificateDer, SecureRandom random) {
    try {
      return new CertificateAuthority(keyPair, new X509CertificateHolder(certificateDer), random);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a certificate", e);
    }
  }

  /** Issues a role certificate for the card key {@code cardKey}; returns its DER. */
  public byte[] issue(RoleCertificateRequest request, PublicKey cardKey) {
    X500NameBuilder name =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.CN, request.commonName())
            .addRDN(RoleOids.ROLE, new DERUTF8String(request.role().certificateValue()))
            .addRDN(RoleOids.JURISDICTION, new DERUTF8String(request.jurisdiction()));
    request.election().ifPresent(e -> name.addRDN(RoleOids.ELECTION, new DERUTF8String(e)));
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  certificate.getSubject(),
                  serial(random),
                  Date.from(request.notBefore()),
                  Date.from(request.notAfter()),
                  name.build(),
                  cardKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(certificate.getSubjectPublicKeyInfo()));
      return b.build(signer(keyPair.getPrivate())).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is missing from this JVM", e);
    }
  }

  public byte[] certificateDer() {
    try {
      return certificate.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KeyPair keyPair() {
    return keyPair;
  }

  /** A fresh EC P-256 key pair. */
  public static KeyPair newP256KeyPair(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is missing from this JVM", e);
    }
  }

  private static BigInteger serial(SecureRandom random) {
    return new BigInteger(127, random).setBit(126);
  }

  private static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("SHA256withECDSA is missing from this JVM", e);
    }
  }
}
