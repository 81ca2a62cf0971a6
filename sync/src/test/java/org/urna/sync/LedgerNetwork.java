package org.urna.sync;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.replication.BallotValidator;
import org.urna.ledger.replication.ElectionRules;
import org.urna.ledger.replication.NodeConfig;
import org.urna.ledger.replication.Peer;
import org.urna.ledger.witness.WitnessPolicy;
import org.urna.tlog.TrustPolicy;

/**
 * Real validators (Ratis over gRPC, Jetty HTTP) on loopback ports, in this JVM, started the way the
 * ledger module's tests start them. Also how a kiosk demo can start a one-node ledger in-process:
 * {@code new LedgerNetwork(dir, 1)}.
 */
public final class LedgerNetwork implements AutoCloseable {
  public static final String ORIGIN = "ledger.urna.test/test-2026";
  public final List<Peer> peers = new ArrayList<>();
  public final List<SigningKey> logKeys = new ArrayList<>();
  public final List<SigningKey> cosignerKeys = new ArrayList<>();
  public final WitnessPolicy policy;
  public final ValidatorNode[] nodes;
  private final Path root;
  private final int[] httpPorts;
  private final String group = UUID.randomUUID().toString();

  private final ElectionRules rules;

  public LedgerNetwork(Path root, int size) throws Exception {
    this(root, size, ElectionRules.of(Boxes.ELECTION.manifest, Boxes.ELECTION.key));
  }

  /** Validators of another election (e.g. one written by {@code urna sample-election}). */
  public LedgerNetwork(Path root, int size, ElectionRules rules) throws Exception {
    this.root = root;
    this.rules = rules;
    SecureRandom rnd = new SecureRandom();
    httpPorts = new int[size];
    List<WitnessPolicy.LogKey> logs = new ArrayList<>();
    List<WitnessPolicy.Witness> ws = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String id = "v" + (i + 1);
      httpPorts[i] = freePort();
      peers.add(new Peer(id, "127.0.0.1:" + freePort(), "http://127.0.0.1:" + httpPorts[i]));
      logKeys.add(SigningKey.generate(ORIGIN, SignatureType.ED25519, rnd));
      cosignerKeys.add(
          SigningKey.generate(id + ".validators.urna.test", SignatureType.COSIGNATURE_V1, rnd));
      logs.add(new WitnessPolicy.LogKey(logKeys.get(i).verifierKey(), Optional.empty()));
      ws.add(
          new WitnessPolicy.Witness(
              cosignerKeys.get(i).name(),
              cosignerKeys.get(i).verifierKey(),
              Optional.of(peers.get(i).httpUrl())));
    }
    policy = WitnessPolicy.threshold(logs, ws, size / 2 + 1);
    nodes = new ValidatorNode[size];
    try {
      for (int i = 0; i < size; i++) {
        start(i);
      }
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  public static int freePort() throws IOException {
    return org.urna.ledger.node.LoopbackPorts.reserve();
  }

  /** The policy text a kiosk would be configured with (pinned, not fetched). */
  public TrustPolicy trust() {
    return TrustPolicy.parse(policy.format());
  }

  public List<URI> endpoints() {
    return peers.stream().map(p -> URI.create(p.httpUrl())).toList();
  }

  public URI endpoint(int i) {
    return URI.create(peers.get(i).httpUrl());
  }

  public void start(int i) throws Exception {
    NodeConfig c =
        new NodeConfig(
            peers.get(i).id(),
            peers,
            httpPorts[i],
            root.resolve(peers.get(i).id()),
            group,
            ORIGIN,
            logKeys.get(i),
            cosignerKeys.get(i),
            policy,
            new BallotValidator(rules),
            Duration.ofMillis(1500),
            Duration.ofMillis(200),
            10_000,
            16 * 1024);
    nodes[i] = ValidatorNode.start(c, Optional.empty());
  }

  public void stop(int i) throws Exception {
    if (nodes[i] != null) {
      nodes[i].close();
      nodes[i] = null;
    }
  }

  /** Entries in the log of the first running node. */
  public long treeSize() {
    for (ValidatorNode n : nodes) {
      if (n != null) {
        return n.machine().state().log().size();
      }
    }
    throw new IllegalStateException("no validator is running");
  }

  /** Waits generously (loaded CI machines) for a condition; never a speed assertion. */
  public static void waitFor(BooleanSupplier condition, String what) {
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  @Override
  public void close() {
    for (int i = 0; i < nodes.length; i++) {
      try {
        stop(i);
      } catch (Exception e) {
        // keep stopping the others
      }
    }
  }
}
