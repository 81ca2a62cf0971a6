package org.urna.ledger.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.urna.core.verify.BallotVerifier;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.witness.WitnessPolicy;

/** Three real validators (Ratis over gRPC, Jetty) on loopback ports, in this JVM. */
public final class TestNetwork implements AutoCloseable {
  public static final String ORIGIN = "ledger.urna.test/test-2026";
  public final Path root;
  public final List<Peer> peers = new ArrayList<>();
  public final List<SigningKey> logKeys = new ArrayList<>();
  public final List<SigningKey> cosignerKeys = new ArrayList<>();
  public final WitnessPolicy policy;
  public final ValidatorNode[] nodes;
  private final int[] httpPorts;
  private final String group = UUID.randomUUID().toString();
  private final long snapshotEvery;
  private final boolean proofAudit;

  public TestNetwork(Path root, int size, long snapshotEvery) throws Exception {
    this(root, size, snapshotEvery, true);
  }

  /**
   * @param proofAudit whether each validator runs the full proof audit behind ingest (it verifies
   *     every ballot's proofs: tests of thousands of ballots about replication leave it out)
   */
  public TestNetwork(Path root, int size, long snapshotEvery, boolean proofAudit) throws Exception {
    this.root = root;
    this.snapshotEvery = snapshotEvery;
    this.proofAudit = proofAudit;
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
    for (int i = 0; i < size; i++) {
      start(i);
    }
  }

  public static int freePort() throws IOException {
    return org.urna.ledger.node.LoopbackPorts.reserve();
  }

  public NodeConfig config(int i) {
    return new NodeConfig(
        peers.get(i).id(),
        peers,
        httpPorts[i],
        root.resolve(peers.get(i).id()),
        group,
        ORIGIN,
        logKeys.get(i),
        cosignerKeys.get(i),
        policy,
        new BallotValidator(Stations.rules()),
        Duration.ofMillis(1500),
        Duration.ofMillis(200),
        snapshotEvery,
        16 * 1024);
  }

  public void start(int i) throws Exception {
    nodes[i] =
        ValidatorNode.start(
            config(i),
            proofAudit
                ? Optional.of(new BallotVerifier(Stations.ELECTION.manifest, Stations.ELECTION.key))
                : Optional.empty());
  }

  public void stop(int i) throws Exception {
    if (nodes[i] != null) {
      nodes[i].close();
      nodes[i] = null;
    }
  }

  public void wipe(int i) throws IOException {
    Path dir = root.resolve(peers.get(i).id());
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  public ValidatorNode leader() {
    return waitFor(
            () -> Stream.of(nodes).anyMatch(n -> n != null && n.replica().isLeader()), "a leader")
        ? Stream.of(nodes)
            .filter(n -> n != null && n.replica().isLeader())
            .findFirst()
            .orElseThrow()
        : null;
  }

  public int indexOf(ValidatorNode node) {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] == node) {
        return i;
      }
    }
    return -1;
  }

  public ValidatorNode any() {
    return Stream.of(nodes).filter(n -> n != null).findFirst().orElseThrow();
  }

  /** Waits generously (loaded CI machines) for a condition; never a speed assertion. */
  public static boolean waitFor(BooleanSupplier condition, String what) {
    long deadline = System.currentTimeMillis() + 90_000;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  @Override
  public void close() throws Exception {
    for (int i = 0; i < nodes.length; i++) {
      try {
        stop(i);
      } catch (Exception e) {
        // keep stopping the others
      }
    }
  }
}
