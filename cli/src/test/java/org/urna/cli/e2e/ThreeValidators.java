package org.urna.cli.e2e;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.urna.ledger.node.LoopbackPorts;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.replication.BallotValidator;
import org.urna.ledger.replication.ElectionRules;
import org.urna.ledger.replication.NodeConfig;
import org.urna.ledger.replication.Peer;
import org.urna.ledger.witness.WitnessPolicy;

/**
 * A real ledger of 3 validators (Ratis over gRPC, Jetty HTTP) on loopback ports in this JVM,
 * started as the ledger's and sync's tests start theirs; 2 of 3 cosignatures make the quorum.
 */
final class ThreeValidators implements AutoCloseable {
  static final String ORIGIN = "ledger.urna.test/e2e-2027";
  final List<Peer> peers = new ArrayList<>();
  final WitnessPolicy policy;
  private final ValidatorNode[] nodes = new ValidatorNode[3];
  final List<SigningKey> logKeys = new ArrayList<>();
  final List<SigningKey> cosignerKeys = new ArrayList<>();

  ThreeValidators(Path root, ElectionRules rules) throws Exception {
    this(root, rules, null);
  }

  /**
   * A ledger whose validators sign with {@code sameKeys}' keys (a second network the same policy
   * trusts: a fork of the first), or with new keys when it is null.
   */
  ThreeValidators(Path root, ElectionRules rules, ThreeValidators sameKeys) throws Exception {
    SecureRandom rnd = new SecureRandom();
    int[] httpPorts = new int[3];
    List<WitnessPolicy.LogKey> logs = new ArrayList<>();
    List<WitnessPolicy.Witness> ws = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = "v" + (i + 1);
      httpPorts[i] = LoopbackPorts.reserve();
      peers.add(
          new Peer(id, "127.0.0.1:" + LoopbackPorts.reserve(), "http://127.0.0.1:" + httpPorts[i]));
      if (sameKeys != null) {
        logKeys.add(sameKeys.logKeys.get(i));
        cosignerKeys.add(sameKeys.cosignerKeys.get(i));
      } else {
        logKeys.add(SigningKey.generate(ORIGIN, SignatureType.ED25519, rnd));
        cosignerKeys.add(
            SigningKey.generate(id + ".validators.urna.test", SignatureType.COSIGNATURE_V1, rnd));
      }
      logs.add(new WitnessPolicy.LogKey(logKeys.get(i).verifierKey(), Optional.empty()));
      ws.add(
          new WitnessPolicy.Witness(
              cosignerKeys.get(i).name(),
              cosignerKeys.get(i).verifierKey(),
              Optional.of(peers.get(i).httpUrl())));
    }
    policy = WitnessPolicy.threshold(logs, ws, 2);
    String group = UUID.randomUUID().toString();
    try {
      for (int i = 0; i < 3; i++) {
        nodes[i] =
            ValidatorNode.start(
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
                    16 * 1024),
                Optional.empty());
      }
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  List<URI> endpoints() {
    return peers.stream().map(p -> URI.create(p.httpUrl())).toList();
  }

  String urls() {
    return String.join(",", peers.stream().map(Peer::httpUrl).toList());
  }

  @Override
  public void close() {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] != null) {
        try {
          nodes[i].close();
        } catch (Exception e) {
          // keep stopping the others
        }
        nodes[i] = null;
      }
    }
  }
}
