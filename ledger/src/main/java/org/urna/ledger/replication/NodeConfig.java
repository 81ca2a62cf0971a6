package org.urna.ledger.replication;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.witness.WitnessPolicy;

/**
 * Everything one validator needs: who it is, its peers (itself included), its data directory, its
 * two keys (the log key that signs checkpoints, name = origin; the cosigner key), the published
 * policy, the election it validates against, and timing.
 */
public record NodeConfig(
    String id,
    List<Peer> peers,
    int httpPort,
    Path dataDir,
    String groupId,
    String origin,
    SigningKey logKey,
    SigningKey cosignerKey,
    WitnessPolicy policy,
    EntryValidator validator,
    Duration electionTimeout,
    Duration checkpointInterval,
    long snapshotEvery,
    long raftSegmentBytes) {
  public NodeConfig {
    peers = List.copyOf(peers);
    if (peers.stream().noneMatch(p -> p.id().equals(id))) {
      throw new IllegalArgumentException("the node " + id + " is not among the peers");
    }
    if (logKey.type() != SignatureType.ED25519 || !logKey.name().equals(origin)) {
      throw new IllegalArgumentException("the log key is an Ed25519 key named after the origin");
    }
    if (cosignerKey.type() != SignatureType.COSIGNATURE_V1) {
      throw new IllegalArgumentException("the cosigner key is a cosignature/v1 key");
    }
    if (!groupId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
      throw new IllegalArgumentException("the group id is a UUID");
    }
  }

  public Peer self() {
    return peers.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }
}
