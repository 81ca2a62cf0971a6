package org.urna.kiosk.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.election.ElectionManifest;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.replication.BallotValidator;
import org.urna.ledger.replication.ElectionRules;
import org.urna.ledger.replication.NodeConfig;
import org.urna.ledger.replication.Peer;
import org.urna.ledger.witness.WitnessPolicy;

/**
 * The demo's one-validator ledger in this process (Ratis, the C2SP log, the HTTP API and public
 * page on 127.0.0.1), with fresh keys. The station syncs to it as to any ledger: through its
 * configured endpoint and trust policy ({@link #endpoint()}, {@link #policy()}).
 */
final class DemoLedger implements AutoCloseable {
  static final String ORIGIN = "ledger.urna.demo/sample";

  /** The validator's settings; its ballot rules are made when it starts (see {@link #start}). */
  private final java.util.function.Function<BallotValidator, NodeConfig> config;

  private final Peer peer;
  private final ElectionManifest manifest;
  private final ElectionKey key;
  private final String policy;
  private volatile ValidatorNode node;

  private DemoLedger(
      java.util.function.Function<BallotValidator, NodeConfig> config,
      Peer peer,
      ElectionManifest manifest,
      ElectionKey key,
      String policy) {
    this.config = config;
    this.peer = peer;
    this.manifest = manifest;
    this.key = key;
    this.policy = policy;
  }

  /** Reserves a loopback port for a validator's HTTP API (to name it before it starts). */
  static int reservePort() throws java.io.IOException {
    return org.urna.ledger.node.LoopbackPorts.reserve();
  }

  /**
   * Makes the validator's keys and its tlog-policy for {@code manifest}'s ballots, to serve HTTP on
   * {@code httpPort}; nothing runs until {@link #start}. The ballot rules (the election key's
   * tables) are made by {@link #start}, on the ledger's own thread, not before the station's first
   * frame.
   */
  static DemoLedger prepare(Path dir, ElectionManifest manifest, ElectionKey key, int httpPort)
      throws java.io.IOException {
    SecureRandom rnd = new SecureRandom();
    Peer peer = new Peer("v1", "127.0.0.1:" + reservePort(), "http://127.0.0.1:" + httpPort);
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
    java.util.function.Function<BallotValidator, NodeConfig> config =
        validator ->
            new NodeConfig(
                "v1",
                List.of(peer),
                httpPort,
                dir.resolve("v1"),
                UUID.randomUUID().toString(),
                ORIGIN,
                log,
                cosigner,
                policy,
                validator,
                Duration.ofMillis(1500),
                Duration.ofMillis(200),
                10_000,
                16 * 1024);
    return new DemoLedger(config, peer, manifest, key, policy.format());
  }

  /**
   * Makes the ballot rules and starts the validator (Raft group of one, HTTP API); blocks until it
   * serves.
   */
  DemoLedger start() throws Exception {
    node =
        ValidatorNode.start(
            config.apply(new BallotValidator(ElectionRules.of(manifest, key))), Optional.empty());
    return this;
  }

  /** The validator's HTTP address: the station's ledger endpoint and the public lookup page. */
  String endpoint() {
    return peer.httpUrl();
  }

  /** The tlog-policy (log key, the validator's cosigning key, quorum 1) a station trusts. */
  byte[] policy() {
    return policy.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    ValidatorNode n = node;
    node = null;
    if (n != null) {
      try {
        n.close();
      } catch (Exception e) {
        // the demo is ending; nothing else holds the node
      }
    }
  }
}
