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
import org.urna.ledger.node.NetworkConfig;
import org.urna.ledger.node.TlsMaterial;
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
 * http.bind=127.0.0.1           (interface of the HTTP API; default 127.0.0.1)
 * raft.bind=0.0.0.0             (optional: interface[:port] of Raft; default its advertised address)
 * peer.v1.raft=10.0.0.1:9001    (each validator's advertised Raft address and HTTP URL)
 * peer.v1.http=https://10.0.0.1:8081
 * peer.v2.raft=...               (or on one line: peers=v1@10.0.0.1:9001@https://...,v2@...)
 * tls.key=v1.key.pem            (optional, all three or none: PKCS#8 key, its certificate
 * tls.cert=v1.cert.pem           chain, the CAs of all validators; HTTPS and mutual TLS on Raft)
 * tls.ca=validators-ca.pem
 * log.key=v1.log.key            (PRIVATE+KEY+... file, relative to this file)
 * cosigner.key=v1.cosigner.key
 * policy=network.policy         (tlog-policy)
 * election.package=election-package.json  (the signed election-wide package)
 * election.trust=3f1c...e9      (optional: SHA-256 of the authority's root certificate; default
 *                                the trust-anchor.sha256 file beside the package)
 * </pre>
 *
 * Tests whose ballots have no signed package may give {@code election=<file>} instead: a properties
 * file with {@code hash=<hex>}, {@code opens}/{@code closes} (ISO instants) and one {@code
 * station.<id>=<hex Ed25519 key>} per station; that validator runs without the proof audit.
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
   * Reads a node file. With {@code election.package=<file>} (the election-wide {@code
   * election-package.json} that {@code urna election create} writes) the election comes from the
   * signed package, loaded with all of election-core's checks, and every ballot's proofs are
   * audited; the authority's trust anchor is {@code election.trust=<sha256 hex of its root
   * certificate>} or, without it, the {@code trust-anchor.sha256} file beside the package. Without
   * {@code election.package}, {@code election=<properties>} gives hash, window and station keys and
   * no proof audit runs (kept for the in-repo tests whose ballots have no package).
   */
  public static Loaded load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("There is no file " + file);
    }
    Properties p = read(file);
    Path dir = file.toAbsolutePath().getParent();
    String pkgFile = p.getProperty("election.package");
    if (pkgFile == null) {
      return new Loaded(node(file), java.util.Optional.empty());
    }
    org.urna.core.election.ElectionPackage pkg;
    try {
      pkg =
          electionPackage(
              dir.resolve(pkgFile.strip()),
              java.util.Optional.ofNullable(p.getProperty("election.trust")).map(String::strip));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    NodeConfig base = node(file, ElectionRules.of(pkg));
    var verifier =
        new org.urna.core.verify.BallotVerifier(
            pkg.manifest(),
            new org.urna.core.crypto.ElectionKey(pkg.electionKey(), pkg.extendedHash()));
    return new Loaded(base, java.util.Optional.of(verifier));
  }

  /** The file beside an election package that holds the authority's trust anchor. */
  public static final String TRUST_ANCHOR_FILE = "trust-anchor.sha256";

  /**
   * Loads the signed, election-wide election package a validator runs from, checked against the
   * authority's trust anchor ({@code trustHex}, or the {@value #TRUST_ANCHOR_FILE} file beside the
   * package). Any failure is an {@link IllegalArgumentException} saying what is wrong in words an
   * operator understands.
   */
  public static org.urna.core.election.ElectionPackage electionPackage(
      Path packageFile, java.util.Optional<String> trustHex) throws IOException {
    if (!Files.isRegularFile(packageFile)) {
      throw new IllegalArgumentException("There is no file " + packageFile);
    }
    org.urna.core.election.TrustAnchor anchor;
    String hex;
    if (trustHex.isPresent()) {
      hex = trustHex.get();
    } else {
      Path beside = packageFile.toAbsolutePath().resolveSibling(TRUST_ANCHOR_FILE);
      if (!Files.isRegularFile(beside)) {
        throw new IllegalArgumentException(
            "the authority's trust anchor is missing: give it (the SHA-256 of its root"
                + " certificate, 64 hex digits) or put "
                + TRUST_ANCHOR_FILE
                + " beside "
                + packageFile);
      }
      hex = Files.readString(beside).strip();
    }
    try {
      anchor = org.urna.core.election.TrustAnchor.fromHex(hex);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "the trust anchor '" + hex + "' is not a SHA-256 (64 hex digits): " + e.getMessage(), e);
    }
    org.urna.core.election.ElectionPackage pkg;
    try {
      pkg = org.urna.core.election.ElectionPackage.load(Files.readAllBytes(packageFile), anchor);
    } catch (org.urna.core.election.ElectionPackageException | RuntimeException e) {
      throw new IllegalArgumentException(
          "the election package " + packageFile + " does not load: " + e.getMessage(), e);
    }
    if (pkg.station().isPresent()) {
      throw new IllegalArgumentException(
          packageFile
              + " is the package made for station '"
              + pkg.station().get()
              + "'; a validator runs from the election-wide package (the election-package.json"
              + " that 'urna election create' writes)");
    }
    return pkg;
  }

  public static NodeConfig node(Path file) throws IOException {
    Properties p = read(file);
    Path dir = file.toAbsolutePath().getParent();
    return node(file, election(dir.resolve(need(p, "election", file))));
  }

  static NodeConfig node(Path file, ElectionRules rules) throws IOException {
    Properties p = read(file);
    Path dir = file.toAbsolutePath().getParent();
    List<Peer> peers = peers(p, file);
    WitnessPolicy policy =
        WitnessPolicy.parse(Files.readAllBytes(dir.resolve(need(p, "policy", file))));
    NetworkConfig network = network(p, file, dir);
    try {
      return config(p, file, dir, rules, peers, policy, network);
    } catch (IllegalArgumentException e) {
      throw e.getMessage() != null && e.getMessage().startsWith(file.toString())
          ? e
          : new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static NodeConfig config(
      Properties p,
      Path file,
      Path dir,
      ElectionRules rules,
      List<Peer> peers,
      WitnessPolicy policy,
      NetworkConfig network)
      throws IOException {
    return new NodeConfig(
        need(p, "id", file),
        peers,
        port(p, "http.port", file, true),
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
        Long.parseLong(p.getProperty("raft.segment.bytes", String.valueOf(8 << 20))),
        network);
  }

  /**
   * The validators, this one included, with the addresses each advertises: {@code
   * peer.<id>.raft=host:port} and {@code peer.<id>.http=http(s)://host:port} for each, or the
   * one-line form {@code peers=id@host:port@url,...}. Every node file of a network lists the same.
   */
  static List<Peer> peers(Properties p, Path file) {
    List<Peer> peers = new ArrayList<>();
    String line = p.getProperty("peers");
    java.util.TreeSet<String> ids = new java.util.TreeSet<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith("peer.")) {
        String[] f = k.split("\\.", -1);
        if (f.length != 3 || !(f[2].equals("raft") || f[2].equals("http"))) {
          throw new IllegalArgumentException(
              file
                  + ": unknown setting '"
                  + k
                  + "' (a peer has peer.<id>.raft and peer.<id>.http)");
        }
        ids.add(f[1]);
      }
    }
    if (line != null && !ids.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": list the validators either in 'peers' or as peer.<id>.raft/http, not both");
    }
    try {
      if (line != null) {
        for (String s : need(p, "peers", file).split(",")) {
          String[] f = s.strip().split("@", 3);
          if (f.length != 3) {
            throw new IllegalArgumentException(
                "peers: '" + s.strip() + "' is not id@host:raftPort@httpUrl");
          }
          peers.add(new Peer(f[0], f[1], f[2]));
        }
      } else {
        if (ids.isEmpty()) {
          throw new IllegalArgumentException(
              "the validators are missing (peer.<id>.raft and peer.<id>.http for each)");
        }
        for (String id : ids) {
          peers.add(
              new Peer(
                  id,
                  need(p, "peer." + id + ".raft", file),
                  need(p, "peer." + id + ".http", file)));
        }
      }
    } catch (IllegalArgumentException e) {
      throw e.getMessage().startsWith(file.toString())
          ? e
          : new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    return peers;
  }

  /** {@code http.bind}, {@code raft.bind} and the TLS files ({@code tls.key/cert/ca}). */
  static NetworkConfig network(Properties p, Path file, Path dir) {
    String httpBind = p.getProperty("http.bind", NetworkConfig.DEFAULT_HTTP_BIND).strip();
    checkLocal("http.bind", httpBind, file);
    String raftHost = "";
    int raftPort = 0;
    String raftBind = p.getProperty("raft.bind", "").strip();
    if (!raftBind.isEmpty()) {
      int colon = raftBind.lastIndexOf(':');
      boolean hasPort = colon > 0 && !raftBind.endsWith("]") && raftBind.indexOf(':') == colon;
      if (raftBind.startsWith("[") && raftBind.contains("]:")) {
        hasPort = true;
        colon = raftBind.lastIndexOf("]:") + 1;
      }
      raftHost = hasPort ? raftBind.substring(0, colon) : raftBind;
      if (raftHost.startsWith("[") && raftHost.endsWith("]")) {
        raftHost = raftHost.substring(1, raftHost.length() - 1);
      }
      if (hasPort) {
        String port = raftBind.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}")
            || Integer.parseInt(port) < 1
            || Integer.parseInt(port) > 65_535) {
          throw new IllegalArgumentException(
              file + ": raft.bind is host or host:port with a port 1 to 65535, not " + raftBind);
        }
        raftPort = Integer.parseInt(port);
      }
      checkLocal("raft.bind", raftHost, file);
    }
    List<String> tlsKeys = List.of("tls.key", "tls.cert", "tls.ca");
    long given = tlsKeys.stream().filter(k -> !p.getProperty(k, "").isBlank()).count();
    java.util.Optional<TlsMaterial> tls = java.util.Optional.empty();
    if (given == tlsKeys.size()) {
      try {
        tls =
            java.util.Optional.of(
                TlsMaterial.load(
                    dir.resolve(need(p, "tls.key", file)),
                    dir.resolve(need(p, "tls.cert", file)),
                    dir.resolve(need(p, "tls.ca", file))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
      }
    } else if (given > 0) {
      throw new IllegalArgumentException(
          file
              + ": TLS needs all of tls.key, tls.cert and tls.ca; missing: "
              + String.join(
                  ", ", tlsKeys.stream().filter(k -> p.getProperty(k, "").isBlank()).toList()));
    }
    return new NetworkConfig(httpBind, raftHost, raftPort, tls);
  }

  /** A bind address is a literal or a name of one of this machine's interfaces, or a wildcard. */
  private static void checkLocal(String setting, String host, Path file) {
    java.net.InetAddress a;
    try {
      a = java.net.InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException(
          file + ": " + setting + " '" + host + "' is not an IP address or a known host name");
    }
    try {
      if (!a.isAnyLocalAddress()
          && !a.isLoopbackAddress()
          && java.net.NetworkInterface.getByInetAddress(a) == null) {
        throw new IllegalArgumentException(
            file
                + ": "
                + setting
                + " "
                + host
                + " is not an address of this machine (use one of its interfaces, or 0.0.0.0)");
      }
    } catch (java.net.SocketException e) {
      // interfaces cannot be listed: the bind itself will tell
    }
  }

  private static int port(Properties p, String key, Path file, boolean zeroAllowed) {
    String v = need(p, key, file);
    if (!v.matches("[0-9]{1,5}")
        || Integer.parseInt(v) > 65_535
        || Integer.parseInt(v) < (zeroAllowed ? 0 : 1)) {
      throw new IllegalArgumentException(
          file + ": " + key + " is a port number 1 to 65535, not '" + v + "'");
    }
    return Integer.parseInt(v);
  }
}
