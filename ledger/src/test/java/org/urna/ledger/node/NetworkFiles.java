package org.urna.ledger.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.urna.ledger.cli.NodeFiles;
import org.urna.ledger.note.SignatureType;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.replication.Stations;
import org.urna.ledger.witness.WitnessPolicy;

/**
 * Writes the node files of a validator network as an operator would (keys, policy, election, one
 * node file per validator with its bind addresses, the peer list and, optionally, TLS files).
 */
public final class NetworkFiles {
  public static final String ORIGIN = "ledger.urna.test/net";

  /** One validator: advertised addresses, bind addresses, TLS files (or null). */
  public record Node(
      String id,
      String raftAddress,
      String httpUrl,
      int httpPort,
      String httpBind,
      String raftBind,
      TestCa.Files3 tls) {}

  private NetworkFiles() {}

  /** Writes everything under {@code dir}; returns each node file. Extra lines go to every file. */
  public static Map<String, Path> write(Path dir, List<Node> nodes, String extra)
      throws IOException {
    Files.createDirectories(dir);
    NodeFiles.writeElection(dir.resolve("election.properties"), Stations.rules());
    SecureRandom rnd = new SecureRandom();
    List<WitnessPolicy.LogKey> logs = new ArrayList<>();
    List<WitnessPolicy.Witness> ws = new ArrayList<>();
    StringBuilder peers = new StringBuilder();
    for (Node n : nodes) {
      SigningKey log = SigningKey.generate(ORIGIN, SignatureType.ED25519, rnd);
      SigningKey cos =
          SigningKey.generate(n.id() + ".validators.urna.test", SignatureType.COSIGNATURE_V1, rnd);
      Files.writeString(dir.resolve(n.id() + ".log.key"), log.privateKeyString() + "\n");
      Files.writeString(dir.resolve(n.id() + ".cosigner.key"), cos.privateKeyString() + "\n");
      logs.add(new WitnessPolicy.LogKey(log.verifierKey(), Optional.empty()));
      ws.add(new WitnessPolicy.Witness(cos.name(), cos.verifierKey(), Optional.of(n.httpUrl())));
      peers.append("peer.").append(n.id()).append(".raft=").append(n.raftAddress()).append('\n');
      peers.append("peer.").append(n.id()).append(".http=").append(n.httpUrl()).append('\n');
    }
    Files.writeString(
        dir.resolve("network.policy"),
        WitnessPolicy.threshold(logs, ws, nodes.size() / 2 + 1).format());
    String group = UUID.randomUUID().toString();
    Map<String, Path> files = new LinkedHashMap<>();
    for (Node n : nodes) {
      StringBuilder s = new StringBuilder();
      s.append("id=").append(n.id()).append('\n');
      s.append("group=").append(group).append('\n');
      s.append("origin=").append(ORIGIN).append('\n');
      s.append("data=").append(n.id()).append('\n');
      s.append("http.port=").append(n.httpPort()).append('\n');
      if (n.httpBind() != null) {
        s.append("http.bind=").append(n.httpBind()).append('\n');
      }
      if (n.raftBind() != null) {
        s.append("raft.bind=").append(n.raftBind()).append('\n');
      }
      s.append(peers);
      s.append("log.key=").append(n.id()).append(".log.key\n");
      s.append("cosigner.key=").append(n.id()).append(".cosigner.key\n");
      s.append("policy=network.policy\n");
      s.append("election=election.properties\n");
      s.append("election.timeout.ms=1500\n");
      s.append("checkpoint.interval.ms=200\n");
      if (n.tls() != null) {
        s.append("tls.key=").append(n.tls().key().toAbsolutePath()).append('\n');
        s.append("tls.cert=").append(n.tls().cert().toAbsolutePath()).append('\n');
        s.append("tls.ca=").append(n.tls().ca().toAbsolutePath()).append('\n');
      }
      s.append(extra);
      Path f = dir.resolve(n.id() + ".properties");
      Files.writeString(f, s.toString());
      files.put(n.id(), f);
    }
    return files;
  }

  public static WitnessPolicy policy(Path dir) throws IOException {
    return WitnessPolicy.parse(Files.readAllBytes(dir.resolve("network.policy")));
  }
}
