package org.urna.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ledger.node.LoopbackPorts;
import org.urna.ledger.node.NetworkConfig;
import org.urna.ledger.node.TlsMaterial;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.replication.BallotValidator;
import org.urna.ledger.replication.ElectionRules;
import org.urna.ledger.replication.NodeConfig;
import org.urna.ledger.replication.Peer;
import org.urna.ledger.witness.WitnessPolicy;
import org.urna.sync.ledger.LedgerCallException;
import org.urna.sync.ledger.LedgerLink;

/**
 * The station's sync client reaches an HTTPS validator only through the CA it is configured with.
 */
class LedgerTlsTrustTest {
  @TempDir Path dir;

  @Test
  void theSyncClientTrustsExactlyTheConfiguredCa() throws Exception {
    Path ca = dir.resolve("ca.pem");
    Path foreignCa = dir.resolve("foreign-ca.pem");
    Path key = dir.resolve("v1.key.pem");
    Path cert = dir.resolve("v1.cert.pem");
    KeyPair caKey = ec();
    Files.writeString(ca, pem("CERTIFICATE", cert(caKey, caKey, "test CA", true).getEncoded()));
    KeyPair other = ec();
    Files.writeString(
        foreignCa, pem("CERTIFICATE", cert(other, other, "other CA", true).getEncoded()));
    KeyPair leaf = ec();
    Files.writeString(key, pem("PRIVATE KEY", leaf.getPrivate().getEncoded()));
    Files.writeString(cert, pem("CERTIFICATE", cert(caKey, leaf, "test CA", false).getEncoded()));

    int http = LoopbackPorts.reserve();
    Peer peer = new Peer("v1", "127.0.0.1:" + LoopbackPorts.reserve(), "https://127.0.0.1:" + http);
    SecureRandom rnd = new SecureRandom();
    SigningKey log = SigningKey.generate(LedgerNetwork.ORIGIN, SignatureType.ED25519, rnd);
    SigningKey cos =
        SigningKey.generate("v1.validators.urna.test", SignatureType.COSIGNATURE_V1, rnd);
    WitnessPolicy policy =
        WitnessPolicy.threshold(
            List.of(new WitnessPolicy.LogKey(log.verifierKey(), Optional.empty())),
            List.of(
                new WitnessPolicy.Witness(
                    cos.name(), cos.verifierKey(), Optional.of(peer.httpUrl()))),
            1);
    NodeConfig config =
        new NodeConfig(
            "v1",
            List.of(peer),
            http,
            dir.resolve("v1"),
            UUID.randomUUID().toString(),
            LedgerNetwork.ORIGIN,
            log,
            cos,
            policy,
            new BallotValidator(ElectionRules.of(Boxes.ELECTION.manifest, Boxes.ELECTION.key)),
            Duration.ofMillis(1500),
            Duration.ofMillis(200),
            10_000,
            16 * 1024,
            new NetworkConfig("127.0.0.1", "", 0, Optional.of(TlsMaterial.load(key, cert, ca))));
    Files.writeString(dir.resolve("network.policy"), policy.format());
    try (ValidatorNode node = ValidatorNode.start(config, Optional.empty())) {
      Properties p = new Properties();
      p.setProperty("ledger.endpoints", peer.httpUrl());
      p.setProperty("ledger.policy", "network.policy");
      p.setProperty("ledger.tls.ca", "ca.pem");
      SyncConfig trusting = SyncConfig.fromProperties(p, dir, dir.resolve("state"));
      assertThat(trusting.ledgerCa()).contains(ca);
      // an HTTP answer (no such ballot) comes back: the TLS connection was made
      LedgerLink link = link(trusting);
      assertThatThrownBy(() -> link.proof("00".repeat(16)))
          .isInstanceOfSatisfying(
              LedgerCallException.class,
              e ->
                  assertThat(e.kind())
                      .isIn(LedgerCallException.Kind.NOT_FOUND, LedgerCallException.Kind.REFUSED));

      p.setProperty("ledger.tls.ca", "foreign-ca.pem");
      LedgerLink foreign = link(SyncConfig.fromProperties(p, dir, dir.resolve("state")));
      p.remove("ledger.tls.ca");
      SyncConfig defaults = SyncConfig.fromProperties(p, dir, dir.resolve("state"));
      assertThat(defaults.ledgerCa()).isEmpty();
      LedgerLink jdkTrust = link(defaults);
      for (LedgerLink refused : List.of(foreign, jdkTrust)) {
        assertThatThrownBy(() -> refused.proof("00".repeat(16)))
            .isInstanceOfSatisfying(
                LedgerCallException.class,
                e -> assertThat(e.kind()).isEqualTo(LedgerCallException.Kind.UNREACHABLE));
      }
    }
  }

  private static LedgerLink link(SyncConfig c) {
    return new LedgerLink(
        c.endpoints(),
        Duration.ofSeconds(3),
        Duration.ofSeconds(10),
        c.ledgerCa().map(LedgerLink::trusting));
  }

  private static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate cert(KeyPair issuer, KeyPair subject, String caName, boolean ca)
      throws Exception {
    var b =
        new JcaX509v3CertificateBuilder(
            new X500Name("CN=" + caName),
            BigInteger.valueOf(System.nanoTime()),
            Date.from(Instant.now().minus(Duration.ofHours(1))),
            Date.from(Instant.now().plus(Duration.ofDays(1))),
            new X500Name(ca ? "CN=" + caName : "CN=v1"),
            subject.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (!ca) {
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
