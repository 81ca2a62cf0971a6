package org.urna.ledger.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ledger.cli.NodeFiles;
import org.urna.ledger.client.LedgerClient;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.replication.Commands;
import org.urna.ledger.replication.Stations;
import org.urna.ledger.replication.Verdict;
import org.urna.ledger.witness.WitnessPolicy;

/**
 * Validators started from node files as an operator writes them: each binds only its configured
 * interface, misconfigurations are refused with the setting named, and with TLS the group forms
 * over mutual TLS while clients of a foreign CA are refused.
 */
class NetworkConfigTest {
  @TempDir Path dir;

  private static List<ValidatorNode> start(Map<String, Path> files) throws Exception {
    List<ValidatorNode> nodes = new ArrayList<>();
    try {
      for (Path f : files.values()) {
        NodeFiles.Loaded l = NodeFiles.load(f);
        nodes.add(ValidatorNode.start(l.config(), Optional.empty()));
      }
    } catch (Exception e) {
      close(nodes);
      throw e;
    }
    return nodes;
  }

  private static void close(List<ValidatorNode> nodes) {
    for (ValidatorNode n : nodes) {
      try {
        n.close();
      } catch (Exception e) {
        // stopping anyway
      }
    }
  }

  private static boolean accepted(LedgerClient c, List<byte[]> ballots) {
    try {
      return c.submit(ballots).stream().allMatch(v -> v instanceof Verdict.Accepted);
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean cosigned(LedgerClient c, WitnessPolicy policy, long size) {
    try {
      return c.checkpoint()
          .map(n -> policy.accepts(n) && Checkpoint.parse(n.text()).size() == size)
          .orElse(false);
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void eachValidatorListensOnlyOnItsConfiguredAddress() throws Exception {
    List<NetworkFiles.Node> spec = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String ip = "127.0.0." + (i + 2);
      int http = LoopbackPorts.reserve();
      spec.add(
          new NetworkFiles.Node(
              "v" + (i + 1),
              ip + ":" + LoopbackPorts.reserve(),
              "http://" + ip + ":" + http,
              http,
              ip,
              null,
              null));
    }
    List<ValidatorNode> nodes = start(NetworkFiles.write(dir, spec, ""));
    try {
      WitnessPolicy policy = NetworkFiles.policy(dir);
      LedgerClient c = new LedgerClient(URI.create(spec.get(1).httpUrl()));
      Stations stations = new Stations();
      List<byte[]> ballots = Stations.bytes(stations.next("s1", 4));
      assertThat(waitFor(() -> accepted(c, ballots), "the group to accept a batch")).isTrue();
      assertThat(waitFor(() -> cosigned(c, policy, 4), "a cosigned checkpoint")).isTrue();
      for (NetworkFiles.Node n : spec) {
        // listening on 127.0.0.N only: the same port on 127.0.0.1 is closed
        assertThatThrownBy(
                () -> {
                  try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", n.httpPort()), 2000);
                  }
                })
            .isInstanceOf(ConnectException.class);
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(n.httpBind(), n.httpPort()), 2000);
        }
      }
    } finally {
      close(nodes);
    }
  }

  private Path nodeFile(String extra) throws Exception {
    return NetworkFiles.write(
            dir.resolve("bad" + System.nanoTime()),
            List.of(
                new NetworkFiles.Node(
                    "v1", "127.0.0.1:9001", "http://127.0.0.1:8081", 8081, null, null, null),
                new NetworkFiles.Node(
                    "v2", "127.0.0.1:9002", "http://127.0.0.1:8082", 8082, null, null, null)),
            extra)
        .get("v1");
  }

  private String refusal(Path file) {
    try {
      NodeFiles.load(file);
    } catch (Exception e) {
      return e.getMessage();
    }
    throw new AssertionError("the node file was accepted: " + file);
  }

  private Path rewrite(Path file, String from, String to) throws Exception {
    String s = Files.readString(file);
    assertThat(s).contains(from);
    Files.writeString(file, s.replace(from, to));
    return file;
  }

  @Test
  void eachMisconfigurationIsRefusedNamingItsSetting() throws Exception {
    assertThat(refusal(nodeFile("http.bind=192.0.2.77\n")))
        .contains("http.bind", "192.0.2.77", "not an address of this machine");
    assertThat(refusal(nodeFile("raft.bind=0.0.0.0:99999\n"))).contains("raft.bind", "65535");
    assertThat(refusal(nodeFile("raft.bind=no-such-host.invalid\n")))
        .contains("raft.bind", "no-such-host.invalid");
    assertThat(refusal(rewrite(nodeFile(""), "http.port=8081", "http.port=80x")))
        .contains("http.port", "80x");
    assertThat(refusal(rewrite(nodeFile(""), "127.0.0.1:9002", "127.0.0.1")))
        .contains("Raft address of v2", "host:port");
    assertThat(refusal(rewrite(nodeFile(""), "127.0.0.1:9002", "0.0.0.0:9002")))
        .contains("Raft address of v2", "raft.bind");
    assertThat(refusal(rewrite(nodeFile(""), "http://127.0.0.1:8082", "ftp://127.0.0.1:8082")))
        .contains("HTTP URL of v2");
    assertThat(refusal(rewrite(nodeFile(""), "127.0.0.1:9002", "127.0.0.1:9001")))
        .contains("two validators have the Raft address 127.0.0.1:9001");
    assertThat(refusal(nodeFile("peer.v3.raft=127.0.0.1:9003\n")))
        .contains("peer.v3.http", "missing");
    assertThat(refusal(nodeFile("peers=v1@127.0.0.1:9001@http://127.0.0.1:8081\n")))
        .contains("either in 'peers' or as peer.<id>");
    assertThat(refusal(nodeFile("tls.key=x.pem\n"))).contains("tls.cert", "tls.ca", "missing");

    TestCa ca = new TestCa("party-a");
    TestCa other = new TestCa("party-b");
    TestCa.Files3 mine = ca.issue(dir.resolve("pki"), "v1", List.of("127.0.0.1"));
    TestCa.Files3 foreign = other.issue(dir.resolve("pki"), "x1", List.of("127.0.0.1"));
    TestCa.Files3 old =
        ca.issue(
            dir.resolve("old"),
            "v1",
            List.of("127.0.0.1"),
            java.time.Instant.now().minus(java.time.Duration.ofDays(5)));
    Files.writeString(dir.resolve("empty.pem"), "nothing\n");
    // TLS on: every URL must be https
    assertThat(refusal(nodeFile(tls(mine.key(), mine.cert(), mine.ca()))))
        .contains("HTTP URL of v1", "https://");
    assertThat(NodeFiles.load(tlsFile(mine.key(), mine.cert(), mine.ca())).config().network().tls())
        .isPresent();
    assertThat(refusal(tlsFile(foreign.key(), mine.cert(), mine.ca())))
        .contains("tls.key", "not the private key of the certificate");
    assertThat(refusal(tlsFile(mine.cert(), mine.cert(), mine.ca()))).contains("tls.key", "PKCS#8");
    assertThat(refusal(tlsFile(foreign.key(), foreign.cert(), mine.ca())))
        .contains("tls.cert", "not issued by a CA in tls.ca");
    assertThat(refusal(tlsFile(mine.key(), mine.cert(), dir.resolve("empty.pem"))))
        .contains("tls.ca", "PEM certificate");
    assertThat(refusal(tlsFile(mine.key(), mine.cert(), dir.resolve("absent.pem"))))
        .contains("tls.ca", "cannot read");
    assertThat(refusal(tlsFile(old.key(), old.cert(), mine.ca())))
        .contains("tls.cert", "not valid now");
  }

  private static String tls(Path key, Path cert, Path ca) {
    return "tls.key=" + key + "\ntls.cert=" + cert + "\ntls.ca=" + ca + "\n";
  }

  private Path tlsFile(Path key, Path cert, Path ca) throws Exception {
    return rewrite(
        rewrite(nodeFile(tls(key, cert, ca)), "http://127.0.0.1:8081", "https://127.0.0.1:8081"),
        "http://127.0.0.1:8082",
        "https://127.0.0.1:8082");
  }

  @Test
  void theGroupFormsOverTlsAndClientsOfAForeignCaAreRefused() throws Exception {
    TestCa ca = new TestCa("validators");
    List<NetworkFiles.Node> spec = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = "v" + (i + 1);
      int http = LoopbackPorts.reserve();
      spec.add(
          new NetworkFiles.Node(
              id,
              "127.0.0.1:" + LoopbackPorts.reserve(),
              "https://127.0.0.1:" + http,
              http,
              null,
              null,
              ca.issue(dir.resolve("pki"), id, List.of("127.0.0.1", "localhost"))));
    }
    Map<String, Path> files = NetworkFiles.write(dir, spec, "");
    List<ValidatorNode> nodes = start(files);
    try {
      TlsMaterial station =
          TlsMaterial.load(
              spec.get(0).tls().key(), spec.get(0).tls().cert(), spec.get(0).tls().ca());
      LedgerClient c = new LedgerClient(URI.create(spec.get(2).httpUrl()), station.sslContext());
      WitnessPolicy policy = NetworkFiles.policy(dir);
      List<byte[]> ballots = Stations.bytes(new Stations().next("s1", 5));
      assertThat(waitFor(() -> accepted(c, ballots), "the TLS group to accept a batch")).isTrue();
      // the leader collected the cosignatures over HTTPS from its peers
      assertThat(waitFor(() -> cosigned(c, policy, 5), "a cosigned checkpoint")).isTrue();

      TestCa otherCa = new TestCa("stranger");
      TestCa.Files3 stranger = otherCa.issue(dir.resolve("pki2"), "x", List.of("127.0.0.1"));
      TlsMaterial foreign = TlsMaterial.load(stranger.key(), stranger.cert(), stranger.ca());
      // HTTPS: a client that trusts another CA does not accept the validator's certificate
      LedgerClient untrusting =
          new LedgerClient(URI.create(spec.get(2).httpUrl()), foreign.sslContext());
      assertThatThrownBy(untrusting::policy).isInstanceOf(SSLHandshakeException.class);
      // plain HTTP on the HTTPS port is not served
      assertThatThrownBy(
              () ->
                  new LedgerClient(URI.create(spec.get(2).httpUrl().replace("https", "http")))
                      .policy())
          .isInstanceOf(java.io.IOException.class);

      // Raft gRPC: a client whose certificate comes from a foreign CA is refused, even though it
      // trusts the validators' CA and so accepts their certificates.
      long before = nodes.get(0).machine().state().log().size();
      Path bundle = dir.resolve("trusts-validators.pem");
      Files.writeString(bundle, Files.readString(spec.get(0).tls().ca()));
      TlsMaterial intruder = intruder(stranger, bundle);
      try (RaftClient rc = raftClient(nodes.get(0), intruder)) {
        var reply = rc.async().send(submit(new Stations().next("s2", 1)));
        assertThatThrownBy(() -> reply.get(40, TimeUnit.SECONDS))
            .isInstanceOfAny(ExecutionException.class, TimeoutException.class);
      }
      // and the same client with a validator's certificate is served (the refusal was the CA)
      try (RaftClient rc = raftClient(nodes.get(0), station)) {
        var reply = rc.async().send(submit(new Stations().next("s2", 1)));
        assertThat(reply.get(40, TimeUnit.SECONDS).isSuccess()).isTrue();
      }
      assertThat(waitFor(() -> nodes.get(0).machine().state().log().size() == before + 1, "one"))
          .isTrue();
    } finally {
      close(nodes);
    }
  }

  private static Message submit(List<org.urna.core.ballot.RecordedBallot> ballots) {
    return Message.valueOf(
        ByteString.copyFrom(new byte[] {Commands.SUBMIT})
            .concat(ByteString.copyFrom(Commands.batch(Stations.bytes(ballots)))));
  }

  /** A client certificate of a foreign CA that trusts the validators' CA (bundle). */
  private static TlsMaterial intruder(TestCa.Files3 stranger, Path trusted) {
    // load checks that the certificate chains to tls.ca: build it from a bundle of both CAs, then
    // keep only the validators' CA as trusted
    try {
      Path both = stranger.ca().resolveSibling("both.pem");
      Files.writeString(both, Files.readString(stranger.ca()) + Files.readString(trusted));
      TlsMaterial m = TlsMaterial.load(stranger.key(), stranger.cert(), both);
      return m;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static RaftClient raftClient(ValidatorNode node, TlsMaterial tls) {
    RaftProperties props = new RaftProperties();
    Parameters params = new Parameters();
    GrpcConfigKeys.TLS.setConf(params, tls.ratis());
    List<RaftPeer> peers =
        node.config().peers().stream()
            .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.raftAddress()).build())
            .toList();
    RaftGroup group =
        RaftGroup.valueOf(
            RaftGroupId.valueOf(java.util.UUID.fromString(node.config().groupId())), peers);
    return RaftClient.newBuilder()
        .setProperties(props)
        .setRaftGroup(group)
        .setRetryPolicy(RetryPolicies.noRetry())
        .setClientRpc(new GrpcFactory(params).newRaftClientRpc(ClientId.randomId(), props))
        .build();
  }
}
