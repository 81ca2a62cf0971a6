package org.urna.ledger.replication;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.urna.ledger.node.NetworkConfig;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.witness.WitnessPolicy;

/**
 * Everything one validator needs: who it is, its peers (itself included), its data directory, its
 * two keys (the log key that signs checkpoints, name = origin; the cosigner key), the published
 * policy, the election it validates against, timing, and where it listens and how it speaks to its
 * peers ({@link NetworkConfig}).
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
    long raftSegmentBytes,
    NetworkConfig network) {
  /** A validator on one machine: HTTP on 127.0.0.1, Raft on its advertised address, no TLS. */
  public NodeConfig(
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
    this(
        id,
        peers,
        httpPort,
        dataDir,
        groupId,
        origin,
        logKey,
        cosignerKey,
        policy,
        validator,
        electionTimeout,
        checkpointInterval,
        snapshotEvery,
        raftSegmentBytes,
        NetworkConfig.loopback());
  }

  public NodeConfig {
    peers = List.copyOf(peers);
    network = network == null ? NetworkConfig.loopback() : network;
    if (peers.stream().noneMatch(p -> p.id().equals(id))) {
      throw new IllegalArgumentException("the node " + id + " is not among the peers");
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    java.util.Set<String> addresses = new java.util.HashSet<>();
    for (Peer p : peers) {
      if (!ids.add(p.id())) {
        throw new IllegalArgumentException("peers: the validator " + p.id() + " is listed twice");
      }
      if (!addresses.add(p.raftAddress().toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(
            "peers: two validators have the Raft address " + p.raftAddress());
      }
      if (!java.net.URI.create(p.httpUrl()).getScheme().equals(network.scheme())) {
        throw new IllegalArgumentException(
            "peers: the HTTP URL of "
                + p.id()
                + " is "
                + p.httpUrl()
                + ", but with"
                + (network.tls().isPresent() ? "" : "out")
                + " TLS every validator's URL starts with "
                + network.scheme()
                + "://");
      }
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
