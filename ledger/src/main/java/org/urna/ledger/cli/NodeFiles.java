package org.urna.ledger.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.urna.core.crypto.VerifyingKey;
import org.urna.core.election.VotingWindow;
import org.urna.ledger.note.SigningKey;
import org.urna.ledger.replication.BallotValidator;
import org.urna.ledger.replication.ElectionRules;
import org.urna.ledger.replication.NodeConfig;
import org.urna.ledger.replication.Peer;
import org.urna.ledger.witness.WitnessPolicy;

/**
 * The files a validator runs from. A node file is a properties file:
 *
 * <pre>
 * id=v1
 * group=&lt;uuid&gt;
 * origin=ledger.example.org/election-2026
 * data=/var/lib/urna-ledger/v1
 * http.port=8081
 * peers=v1@127.0.0.1:9001@http://127.0.0.1:8081,v2@...,v3@...
 * log.key=v1.log.key            (PRIVATE+KEY+... file, relative to this file)
 * cosigner.key=v1.cosigner.key
 * policy=network.policy         (tlog-policy)
 * election=election.properties  (hash, window, stations)
 * </pre>
 *
 * An election file holds {@code hash=<hex>}, {@code opens}/{@code closes} (ISO instants) and one
 * {@code station.<id>=<hex Ed25519 key>} per station.
 */
public final class NodeFiles {
  private NodeFiles() {}

  static Properties read(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    }
    return p;
  }

  static String need(Properties p, String key, Path file) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(file + ": the setting '" + key + "' is missing");
    }
    return v.strip();
  }

  public static ElectionRules election(Path file) throws IOException {
    Properties p = read(file);
    Map<String, VerifyingKey> stations = new LinkedHashMap<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith("station.")) {
        stations.put(k.substring(8), VerifyingKey.fromHex(p.getProperty(k).strip()));
      }
    }
    return new ElectionRules(
        HexFormat.of().parseHex(need(p, "hash", file)),
        stations,
        new VotingWindow(
            Instant.parse(need(p, "opens", file)), Instant.parse(need(p, "closes", file))));
  }

  public static void writeElection(Path file, ElectionRules rules) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("hash=").append(HexFormat.of().formatHex(rules.extendedHash())).append('\n');
    sb.append("opens=").append(rules.window().opens()).append('\n');
    sb.append("closes=").append(rules.window().closes()).append('\n');
    rules
        .stations()
        .forEach(
            (id, k) -> sb.append("station.").append(id).append('=').append(k.toHex()).append('\n'));
    Files.writeString(file, sb.toString());
  }

  /** A node's configuration and, when it runs from an election package, the proof verifier. */
  public record Loaded(
      NodeConfig config, java.util.Optional<org.urna.core.verify.BallotVerifier> verifier) {}

  /**
   * Reads a node file. With {@code election.package=<file>} and {@code election.trust=<sha256 hex
   * of the authority root certificate>} the election comes from a signed election package (and
   * every ballot's proofs are audited); otherwise from {@code election=<properties>}.
   */
  public static Loaded load(Path file) throws IOException {
    Properties p = read(file);
    Path dir = file.toAbsolutePath().getParent();
    String pkgFile = p.getProperty("election.package");
    if (pkgFile == null) {
      return new Loaded(node(file), java.util.Optional.empty());
    }
    org.urna.core.election.ElectionPackage pkg;
    try {
      pkg =
          org.urna.core.election.ElectionPackage.load(
              Files.readAllBytes(dir.resolve(pkgFile.strip())),
              org.urna.core.election.TrustAnchor.fromHex(need(p, "election.trust", file)));
    } catch (org.urna.core.election.ElectionPackageException | RuntimeException e) {
      throw new IllegalArgumentException(
          file + ": the election package does not load: " + e.getMessage(), e);
    }
    NodeConfig base = node(file, ElectionRules.of(pkg));
    var verifier =
        new org.urna.core.verify.BallotVerifier(
            pkg.manifest(),
            new org.urna.core.crypto.ElectionKey(pkg.electionKey(), pkg.extendedHash()));
    return new Loaded(base, java.util.Optional.of(verifier));
  }

  public static NodeConfig node(Path file) throws IOException {
    Properties p = read(file);
    Path dir = file.toAbsolutePath().getParent();
    return node(file, election(dir.resolve(need(p, "election", file))));
  }

  static NodeConfig node(Path file, ElectionRules rules) throws IOException {
    Properties p = read(file);
    Path dir = file.toAbsolutePath().getParent();
    List<Peer> peers = new ArrayList<>();
    for (String s : need(p, "peers", file).split(",")) {
      String[] f = s.strip().split("@", 3);
      if (f.length != 3) {
        throw new IllegalArgumentException(file + ": a peer is id@host:raftPort@httpUrl");
      }
      peers.add(new Peer(f[0], f[1], f[2]));
    }
    WitnessPolicy policy =
        WitnessPolicy.parse(Files.readAllBytes(dir.resolve(need(p, "policy", file))));
    return new NodeConfig(
        need(p, "id", file),
        peers,
        Integer.parseInt(need(p, "http.port", file)),
        dir.resolve(need(p, "data", file)),
        need(p, "group", file),
        need(p, "origin", file),
        SigningKey.parse(Files.readString(dir.resolve(need(p, "log.key", file)))),
        SigningKey.parse(Files.readString(dir.resolve(need(p, "cosigner.key", file)))),
        policy,
        new BallotValidator(rules),
        Duration.ofMillis(Long.parseLong(p.getProperty("election.timeout.ms", "3000"))),
        Duration.ofMillis(Long.parseLong(p.getProperty("checkpoint.interval.ms", "100"))),
        Long.parseLong(p.getProperty("snapshot.every", "2000")),
        Long.parseLong(p.getProperty("raft.segment.bytes", String.valueOf(8 << 20))));
  }
}
