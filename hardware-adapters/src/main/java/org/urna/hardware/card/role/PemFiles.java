package org.urna.hardware.card.role;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Reads and writes the authority's certificate as PEM (the file a kiosk is given). */
public final class PemFiles {
  private PemFiles() {}

  public static void writeCertificate(Path path, byte[] der) throws IOException {
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(new X509CertificateHolder(der));
    }
  }

  public static void writePrivateKey(Path path, java.security.PrivateKey key) throws IOException {
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.US_ASCII);
        JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
    }
    try {
      Files.setPosixFilePermissions(
          path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }

  /**
   * The DER of the first certificate in a PEM file.
   *
   * @throws IOException when the file holds no certificate
   */
  public static byte[] readCertificate(Path path) throws IOException {
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(r)) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof X509CertificateHolder h) {
          return h.getEncoded();
        }
      }
    }
    throw new IOException(path + " holds no certificate");
  }
}
