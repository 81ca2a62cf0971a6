package org.urna.ledger.node;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslProvider;

/**
 * A validator's TLS identity and the certificate authorities it trusts, read from PEM files: a
 * PKCS#8 private key ({@code BEGIN PRIVATE KEY}), its certificate chain (leaf first) and one or
 * more trusted CA certificates. The same material serves the HTTPS API (Jetty), mutual TLS between
 * validators on the Raft gRPC port (Ratis) and the node's own calls to its peers' HTTPS API.
 */
public final class TlsMaterial {
  private static final char[] STORE_PASSWORD = "in-memory".toCharArray();
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private final PrivateKey key;
  private final List<X509Certificate> chain;
  private final List<X509Certificate> trusted;
  private final X509KeyManager keyManager;
  private final X509TrustManager trustManager;

  private TlsMaterial(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> trusted) {
    this.key = key;
    this.chain = List.copyOf(chain);
    this.trusted = List.copyOf(trusted);
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("node", key, STORE_PASSWORD, chain.toArray(new X509Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, STORE_PASSWORD);
      this.keyManager = (X509KeyManager) kmf.getKeyManagers()[0];
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      for (int i = 0; i < trusted.size(); i++) {
        ts.setCertificateEntry("ca" + i, trusted.get(i));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      this.trustManager = (X509TrustManager) tmf.getTrustManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("the TLS key and certificates cannot be used: " + e, e);
    }
  }

  /**
   * Reads and checks the three files; every problem is reported with the setting it comes from
   * ({@code tls.key}, {@code tls.cert}, {@code tls.ca}).
   */
  public static TlsMaterial load(Path keyFile, Path certFile, Path caFile) {
    PrivateKey key = privateKey(keyFile);
    List<X509Certificate> chain = certificates("tls.cert", certFile);
    List<X509Certificate> cas = certificates("tls.ca", caFile);
    X509Certificate leaf = chain.get(0);
    if (!matches(key, leaf)) {
      throw new IllegalArgumentException(
          "tls.key: " + keyFile + " is not the private key of the certificate in " + certFile);
    }
    try {
      leaf.checkValidity();
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "tls.cert: the certificate in "
              + certFile
              + " is not valid now (valid "
              + leaf.getNotBefore().toInstant()
              + " to "
              + leaf.getNotAfter().toInstant()
              + ")");
    }
    TlsMaterial m = new TlsMaterial(key, chain, cas);
    try {
      m.trustManager.checkServerTrusted(chain.toArray(new X509Certificate[0]), "UNKNOWN");
    } catch (CertificateException e) {
      // Peers trust the same authorities: a node whose own certificate fails them is refused.
      throw new IllegalArgumentException(
          "tls.cert: the certificate in "
              + certFile
              + " is not issued by a CA in tls.ca ("
              + caFile
              + "): "
              + e.getMessage());
    }
    return m;
  }

  private static PrivateKey privateKey(Path file) {
    String pem = read("tls.key", file);
    Matcher m = PRIVATE_KEY.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "tls.key: "
              + file
              + " holds no PKCS#8 PEM key ('-----BEGIN PRIVATE KEY-----'); convert one with"
              + " 'openssl pkcs8 -topk8 -nocrypt -in old.pem -out key.pem'");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    for (String alg : List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(
        "tls.key: " + file + " is not an EC, RSA or EdDSA private key");
  }

  private static List<X509Certificate> certificates(String setting, Path file) {
    String pem = read(setting, file);
    List<X509Certificate> out = new ArrayList<>();
    try {
      for (var c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        out.add((X509Certificate) c);
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          setting + ": " + file + " holds no readable PEM certificate: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          setting + ": " + file + " holds no PEM certificate ('-----BEGIN CERTIFICATE-----')");
    }
    return out;
  }

  private static String read(String setting, Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException(setting + ": cannot read " + file + " (" + e + ")");
    }
  }

  private static boolean matches(PrivateKey key, X509Certificate cert) {
    String alg =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          default -> key.getAlgorithm();
        };
    try {
      byte[] probe = "urna tls key check".getBytes(StandardCharsets.US_ASCII);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(cert.getPublicKey());
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  public X509Certificate certificate() {
    return chain.get(0);
  }

  public List<X509Certificate> trusted() {
    return trusted;
  }

  public KeyManager[] keyManagers() {
    return new KeyManager[] {keyManager};
  }

  public TrustManager[] trustManagers() {
    return new TrustManager[] {trustManager};
  }

  /** TLS 1.3/1.2 with this node's key, trusting only the configured CAs. */
  public SSLContext sslContext() {
    try {
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(keyManagers(), trustManagers(), null);
      return c;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Ratis gRPC with mutual TLS: a validator's Raft port accepts only peers (and its own client)
   * holding a certificate of a trusted CA, and dials peers whose certificate names their address.
   */
  public GrpcTlsConfig ratis() {
    return GrpcTlsConfig.newBuilder()
        .setKeyManager(keyManager)
        .setTrustManager(trustManager)
        .setMutualTls(true)
        .setSslProvider(SslProvider.JDK)
        .build();
  }

  PrivateKey key() {
    return key;
  }
}
