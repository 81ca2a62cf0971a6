package org.urna.kiosk.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.urna.ballotbox.BallotBox;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.replication.BallotValidator;
import org.urna.ledger.replication.ElectionRules;
import org.urna.ledger.replication.NodeConfig;
import org.urna.ledger.replication.Peer;
import org.urna.ledger.witness.WitnessPolicy;
import org.urna.sync.SyncConfig;
import org.urna.sync.SyncService;
import org.urna.sync.SyncStatus;
import org.urna.tlog.TrustPolicy;

/**
 * The demo's ledger: by default a one-validator ledger in this process (Ratis, the C2SP log, the
 * HTTP API and public page on 127.0.0.1), or a real network given by {@code --ledger} and {@code
 * --ledger-policy}; and the kiosk's sync to it, which confirms a ballot only after checking its
 * inclusion proof against a cosigned checkpoint.
 */
final class DemoLedger implements AutoCloseable {
  static final String ORIGIN = "ledger.urna.demo/sample";

  private final ValidatorNode node;
  private final List<URI> endpoints;
  private final TrustPolicy trust;
  private final byte[] policyText;
  private SyncService sync;

  private DemoLedger(ValidatorNode node, List<URI> endpoints, byte[] policyText) {
    this.node = node;
    this.endpoints = endpoints;
    this.policyText = policyText.clone();
    this.trust = TrustPolicy.parse(policyText);
  }

  /** Starts one validator in this process, with fresh keys, in {@code dir}. */
  static DemoLedger startInProcess(Path dir, DemoElection election) throws Exception {
    SecureRandom rnd = new SecureRandom();
    int http = freePort();
    Peer peer = new Peer("v1", "127.0.0.1:" + freePort(), "http://127.0.0.1:" + http);
    SigningKey log = SigningKey.generate(ORIGIN, SignatureType.ED25519, rnd);
    SigningKey cosigner =
        SigningKey.generate("v1.validators.urna.demo", SignatureType.COSIGNATURE_V1, rnd);
    WitnessPolicy policy =
        WitnessPolicy.threshold(
            List.of(new WitnessPolicy.LogKey(log.verifierKey(), Optional.empty())),
            List.of(
                new WitnessPolicy.Witness(
                    cosigner.name(), cosigner.verifierKey(), Optional.of(peer.httpUrl()))),
            1);
    NodeConfig config =
        new NodeConfig(
            "v1",
            List.of(peer),
            http,
            dir.resolve("v1"),
            UUID.randomUUID().toString(),
            ORIGIN,
            log,
            cosigner,
            policy,
            new BallotValidator(ElectionRules.of(election.manifest, election.key)),
            Duration.ofMillis(1500),
            Duration.ofMillis(200),
            10_000,
            16 * 1024);
    ValidatorNode node = ValidatorNode.start(config, Optional.empty());
    return new DemoLedger(
        node,
        List.of(URI.create(peer.httpUrl())),
        policy.format().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A real network: its endpoints and the policy file the kiosk is configured to trust. */
  static DemoLedger remote(List<URI> endpoints, Path policyFile) throws IOException {
    return new DemoLedger(null, endpoints, Files.readAllBytes(policyFile));
  }

  /**
   * The SHA-256 of the trust policy the kiosk is configured with, for the receipts' addresses: the
   * public page checks proofs against this pinned policy, never against what a server says.
   */
  String policyPin() {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(policyText));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ledger's public page, where a tracking code can be looked up. */
  URI lookupPage() {
    return endpoints.getFirst();
  }

  /** Starts forwarding the box's outbox; status changes go to {@code listener} (sync thread). */
  void syncFrom(BallotBox box, Path stateDir, Consumer<SyncStatus> listener) {
    SyncConfig config =
        SyncConfig.builder()
            .endpoints(endpoints)
            .policy(trust)
            .stateDirectory(stateDir)
            .pollInterval(Duration.ofMillis(500))
            .confirmInterval(Duration.ofMillis(500))
            .build();
    sync = SyncService.open(box, config);
    sync.addListener(listener);
    sync.start();
  }

  /** The sync's last status (empty before {@link #syncFrom} ran). */
  java.util.Optional<SyncStatus> status() {
    SyncService s = sync;
    return s == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(s.status());
  }

  /** After a cast: send now rather than at the next poll. */
  void wake() {
    if (sync != null) {
      sync.wake();
    }
  }

  @Override
  public void close() {
    if (sync != null) {
      sync.close();
    }
    if (node != null) {
      try {
        node.close();
      } catch (Exception e) {
        // the demo is ending; nothing else holds the node
      }
    }
  }

  private static int freePort() throws IOException {
    return org.urna.ledger.node.LoopbackPorts.reserve();
  }
}
