package org.urna.ledger.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ledger.cli.NodeFiles;
import org.urna.ledger.http.HealthTest;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.replication.Stations;
import org.urna.ledger.replication.Verdict;

/**
 * A wiped validator of a TLS network (HTTPS and mutual TLS on Raft, a self-made CA) rejoins: its
 * probe of the peers and its membership requests present its own client certificate (without it
 * every peer refuses the probe and the wiped node would take itself for a member of a new network
 * and vote with an empty log). Its /health, /ready and /metrics say where the rejoin stands: while
 * one peer is down it is "rejoining" (alive, not ready), then "caught up at index N".
 */
class TlsRejoinTest {
  @TempDir Path dir;
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aWipedValidatorRejoinsOverMutualTlsAndItsHealthSaysWhereTheRejoinStands() throws Exception {
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
    List<Path> nodeFiles = List.copyOf(files.values());
    ValidatorNode[] nodes = new ValidatorNode[3];
    TlsMaterial tls =
        TlsMaterial.load(spec.get(0).tls().key(), spec.get(0).tls().cert(), spec.get(0).tls().ca());
    HttpClient https = HttpClient.newBuilder().sslContext(tls.sslContext()).build();
    try {
      for (int i = 0; i < 3; i++) {
        nodes[i] = start(nodeFiles.get(i));
      }
      Stations stations = new Stations();
      assertThat(within(90_000, () -> leader(nodes) != null)).as("a leader over TLS").isTrue();
      ValidatorNode leader = leader(nodes);
      for (int b = 0; b < 4; b++) {
        assertThat(
                leader
                    .replica()
                    .submit(Stations.bytes(stations.next("s1", 5)))
                    .get(60, TimeUnit.SECONDS))
            .allMatch(v -> v instanceof Verdict.Accepted);
      }
      int l = indexOf(nodes, leader);
      int f = (l + 1) % 3;
      int other = (l + 2) % 3;
      assertThat(within(60_000, () -> checkpointSize(nodes[f]) == 20)).isTrue();
      JsonNode before = json(https, spec.get(f), "/health");
      assertThat(before.path("rejoin").path("state").asText()).isEqualTo("none");

      // Wipe f while the third is down: its peers cannot yet remove it, so it stays "rejoining".
      nodes[other].close();
      nodes[other] = null;
      nodes[f].close();
      nodes[f] = null;
      wipe(dir.resolve(spec.get(f).id()));
      nodes[f] = start(nodeFiles.get(f));
      ValidatorNode wiped = nodes[f];
      assertThat(wiped.replica().rejoined())
          .as("the probe over mutual TLS saw the peers' history")
          .isTrue();
      HttpResponse<String> health = get(https, spec.get(f), "/health");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      JsonNode h = JSON.readTree(health.body());
      assertThat(h.path("status").asText()).isEqualTo("rejoining");
      assertThat(h.path("rejoin").path("state").asText()).isEqualTo("rejoining");
      assertThat(h.path("rejoin").path("step").asText()).contains("both must be up");
      long target = h.path("rejoin").path("targetIndex").asLong();
      assertThat(target).isPositive();
      HttpResponse<String> ready = get(https, spec.get(f), "/ready");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(JSON.readTree(ready.body()).path("reason").asText())
          .startsWith("it is rejoining the group");
      Map<String, Double> m = metrics(https, spec.get(f));
      assertThat(m)
          .containsEntry("urna_ledger_rejoining", 1.0)
          .containsEntry("urna_ledger_rejoin_target_index", (double) target)
          .containsEntry("urna_ledger_ready", 0.0);
      assertThat(m.get("urna_ledger_rejoin_caught_up_index")).isNaN();

      // The third comes back: the wiped node is removed, added back and caught up over TLS.
      nodes[other] = start(nodeFiles.get(other));
      assertThat(within(120_000, () -> size(wiped) == 20))
          .as("the wiped validator catches up over mutual TLS")
          .isTrue();
      assertThat(
              within(
                  60_000,
                  () -> rejoinState(https, spec.get(f)).path("state").asText().equals("caught up")))
          .isTrue();
      JsonNode r = rejoinState(https, spec.get(f));
      assertThat(r.path("targetIndex").asLong()).isEqualTo(target);
      assertThat(r.path("caughtUpAtIndex").asLong()).isEqualTo(target);
      assertThat(r.has("step")).isFalse();
      assertThat(within(60_000, () -> get(https, spec.get(f), "/ready").statusCode() == 200))
          .isTrue();
      Map<String, Double> after = metrics(https, spec.get(f));
      assertThat(after)
          .containsEntry("urna_ledger_rejoining", 0.0)
          .containsEntry("urna_ledger_rejoin_caught_up_index", (double) target)
          .containsEntry("urna_ledger_ready", 1.0);
      ValidatorNode now = leader(nodes);
      assertThat(wiped.machine().state().log().head())
          .isEqualTo(now.machine().state().log().head());
      // it takes part again: new ballots reach it and a checkpoint over them is cosigned
      ValidatorNode next = leader(nodes);
      assertThat(next.replica().submit(Stations.bytes(stations.next("s2", 5))).get(60, SECONDS))
          .allMatch(v -> v instanceof Verdict.Accepted);
      assertThat(within(60_000, () -> checkpointSize(wiped) == 25)).isTrue();
    } finally {
      for (ValidatorNode n : nodes) {
        if (n != null) {
          n.close();
        }
      }
    }
  }

  private static final TimeUnit SECONDS = TimeUnit.SECONDS;

  private static ValidatorNode start(Path nodeFile) throws Exception {
    return ValidatorNode.start(NodeFiles.load(nodeFile).config(), Optional.empty());
  }

  private static void wipe(Path folder) throws Exception {
    try (Stream<Path> s = Files.walk(folder)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertThat(folder).doesNotExist();
  }

  private static ValidatorNode leader(ValidatorNode[] nodes) {
    return Stream.of(nodes)
        .filter(n -> n != null && n.replica().isLeader())
        .findFirst()
        .orElse(null);
  }

  private static int indexOf(ValidatorNode[] nodes, ValidatorNode n) {
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] == n) {
        return i;
      }
    }
    return -1;
  }

  private static long size(ValidatorNode n) {
    return n.machine().state().log().size();
  }

  private static long checkpointSize(ValidatorNode n) {
    return n.machine()
        .state()
        .latestCheckpoint()
        .map(c -> Checkpoint.parse(c.text()).size())
        .orElse(0L);
  }

  private static HttpResponse<String> get(HttpClient http, NetworkFiles.Node n, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(n.httpUrl() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode json(HttpClient http, NetworkFiles.Node n, String path) throws Exception {
    return JSON.readTree(get(http, n, path).body());
  }

  private static JsonNode rejoinState(HttpClient http, NetworkFiles.Node n) {
    try {
      return json(http, n, "/health").path("rejoin");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, Double> metrics(HttpClient http, NetworkFiles.Node n) {
    HttpResponse<String> r = get(http, n, "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    return HealthTest.parsePrometheus(r.body());
  }

  /** Waits up to {@code millis} (generous for a loaded machine; a bound, not a speed claim). */
  private static boolean within(long millis, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return condition.getAsBoolean();
  }
}
