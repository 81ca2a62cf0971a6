package org.urna.ledger.node;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority made in the test (EC P-256), issuing validator certificates. */
public final class TestCa {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());
  private final KeyPair key;
  private final X509Certificate cert;
  private final String name;

  public TestCa(String name) {
    this.name = name;
    this.key = ecKey();
    this.cert =
        sign(
            new X500Name("CN=" + name),
            key,
            key.getPublic(),
            true,
            List.of(),
            Instant.now().minus(Duration.ofHours(1)),
            Instant.now().plus(Duration.ofDays(2)));
  }

  /** The PEM files of one validator: key, certificate (names its hosts), and this CA. */
  public record Files3(Path key, Path cert, Path ca) {}

  public X509Certificate certificate() {
    return cert;
  }

  /** Writes this CA's certificate as PEM. */
  public Path writeCa(Path file) throws IOException {
    Files.writeString(file, pem("CERTIFICATE", encoded(cert)));
    return file;
  }

  /** Issues a certificate for the given IP addresses / DNS names and writes key, cert and CA. */
  public Files3 issue(Path dir, String id, List<String> hosts) throws IOException {
    return issue(dir, id, hosts, Instant.now().minus(Duration.ofHours(1)));
  }

  public Files3 issue(Path dir, String id, List<String> hosts, Instant notBefore)
      throws IOException {
    KeyPair leaf = ecKey();
    X509Certificate c =
        sign(
            new X500Name("CN=" + name),
            key,
            leaf.getPublic(),
            false,
            hosts,
            notBefore,
            notBefore.plus(Duration.ofDays(2)));
    Files.createDirectories(dir);
    Path k = dir.resolve(id + ".key.pem");
    Path ce = dir.resolve(id + ".cert.pem");
    Files.writeString(k, pem("PRIVATE KEY", leaf.getPrivate().getEncoded()));
    Files.writeString(ce, pem("CERTIFICATE", encoded(c)));
    return new Files3(k, ce, writeCa(dir.resolve(name + ".ca.pem")));
  }

  private X509Certificate sign(
      X500Name issuer,
      KeyPair signer,
      java.security.PublicKey subjectKey,
      boolean ca,
      List<String> hosts,
      Instant from,
      Instant to) {
    try {
      var b =
          new JcaX509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(from),
              Date.from(to),
              ca ? issuer : new X500Name("CN=" + (hosts.isEmpty() ? "node" : hosts.get(0))),
              subjectKey);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        b.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        List<GeneralName> names = new ArrayList<>();
        for (String h : hosts) {
          names.add(
              new GeneralName(
                  h.matches("[0-9.]+") || h.contains(":")
                      ? GeneralName.iPAddress
                      : GeneralName.dNSName,
                  h));
        }
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(new GeneralName[0])));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ecKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encoded(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
