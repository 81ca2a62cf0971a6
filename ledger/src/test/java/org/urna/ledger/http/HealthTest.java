package org.urna.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.replication.Stations;
import org.urna.ledger.replication.TestNetwork;
import org.urna.ledger.replication.Verdict;

/** /health, /ready and /metrics of a real three-validator network, over HTTP. */
public class HealthTest {
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  HttpResponse<String> get(TestNetwork net, int node, String path) {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(net.peers.get(node).httpUrl() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  JsonNode json(HttpResponse<String> r) throws Exception {
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    return JSON.readTree(r.body());
  }

  private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (gauge|counter)");
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*) (NaN|[+-]Inf|-?[0-9]+(\\.[0-9]+)?(e-?[0-9]+)?)");

  /**
   * Reads Prometheus text format 0.0.4 strictly: every line a HELP, a TYPE or a sample; each sample
   * after its metric's TYPE; a counter's name ends with _total; no metric twice; a final newline.
   */
  public static Map<String, Double> parsePrometheus(String text) {
    assertThat(text).endsWith("\n");
    Map<String, Double> samples = new HashMap<>();
    Set<String> typed = new HashSet<>();
    for (String line : text.split("\n")) {
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        continue;
      }
      if ((m = TYPE.matcher(line)).matches()) {
        assertThat(typed.add(m.group(1))).as("one TYPE per metric: " + line).isTrue();
        if (m.group(2).equals("counter")) {
          assertThat(m.group(1)).endsWith("_total");
        }
        continue;
      }
      m = SAMPLE.matcher(line);
      assertThat(m.matches()).as("a sample line: '" + line + "'").isTrue();
      assertThat(typed).as("TYPE before the sample " + line).contains(m.group(1));
      String v = m.group(2);
      double d = v.equals("NaN") ? Double.NaN : v.endsWith("Inf") ? 0 : Double.parseDouble(v);
      assertThat(samples.put(m.group(1), d)).as("one sample per metric " + line).isNull();
    }
    return samples;
  }

  Map<String, Double> metrics(TestNetwork net, int node) {
    HttpResponse<String> r = get(net, node, "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    return parsePrometheus(r.body());
  }

  @Test
  void healthReadinessAndMetricsFollowTheStateMachineTheLeaderAndTheCheckpoints() throws Exception {
    try (TestNetwork net = new TestNetwork(dir, 3, 10_000)) {
      Stations stations = new Stations();
      ValidatorNode leader = net.leader();
      assertThat(
              leader
                  .replica()
                  .submit(Stations.bytes(stations.next("s1", 5)))
                  .get(60, TimeUnit.SECONDS))
          .allMatch(v -> v instanceof Verdict.Accepted);
      for (int i = 0; i < 3; i++) {
        int n = i;
        waitFor(() -> get(net, n, "/ready").statusCode() == 200, "v" + (n + 1) + " ready");
        // the checkpoint over the 5 entries is cosigned after they are applied, not with them
        waitFor(
            () -> {
              try {
                return json(get(net, n, "/health")).path("checkpointSize").asLong() == 5;
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            },
            "v" + (n + 1) + " checkpoint of 5");
        JsonNode h = json(get(net, i, "/health"));
        assertThat(get(net, i, "/health").statusCode()).isEqualTo(200);
        assertThat(h.path("status").asText()).isEqualTo("ok");
        assertThat(h.path("stateMachine").asText()).isEqualTo("running");
        assertThat(h.path("leader").asText()).isEqualTo(leader.config().id());
        assertThat(h.path("lastAppliedIndex").asLong()).isPositive();
        assertThat(h.path("treeSize").asLong()).isEqualTo(5);
        assertThat(h.path("checkpointSize").asLong()).isEqualTo(5);
        assertThat(h.path("checkpointAgeSeconds").isIntegralNumber()).isTrue();
        assertThat(h.path("checkpointAgeSeconds").asLong()).isBetween(0L, 600L);
        Map<String, Double> m = metrics(net, i);
        assertThat(m)
            .containsEntry("urna_ledger_state_machine_running", 1.0)
            .containsEntry("urna_ledger_ready", 1.0)
            .containsEntry("urna_ledger_leader_known", 1.0)
            .containsEntry("urna_ledger_tree_size", 5.0)
            .containsEntry("urna_ledger_checkpoint_size", 5.0)
            .containsKeys(
                "urna_ledger_last_applied_index",
                "urna_ledger_checkpoint_age_seconds",
                "urna_ledger_proofs_checked_total");
        assertThat(m.get("urna_ledger_is_leader")).isEqualTo(net.nodes[i] == leader ? 1.0 : 0.0);
      }

      // A local fault on a follower (its Merkle log can no longer be written) stops its state
      // machine: it says so, while the other two go on.
      int sick = (net.indexOf(leader) + 1) % 3;
      int well = (net.indexOf(leader) + 2) % 3;
      net.nodes[sick].machine().state().log().close();
      assertThat(
              leader
                  .replica()
                  .submit(Stations.bytes(stations.next("s1", 2)))
                  .get(60, TimeUnit.SECONDS))
          .allMatch(v -> v instanceof Verdict.Accepted);
      waitFor(() -> get(net, sick, "/health").statusCode() == 503, "the stopped node's health");
      JsonNode h = json(get(net, sick, "/health"));
      assertThat(h.path("status").asText()).isEqualTo("stopped");
      assertThat(h.path("stateMachine").asText()).isEqualTo("stopped");
      assertThat(h.path("stoppedBecause").asText()).contains("could not apply Raft entry");
      HttpResponse<String> r = get(net, sick, "/ready");
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(json(r).path("reason").asText()).startsWith("the state machine stopped");
      assertThat(metrics(net, sick))
          .containsEntry("urna_ledger_state_machine_running", 0.0)
          .containsEntry("urna_ledger_ready", 0.0);
      assertThat(get(net, well, "/health").statusCode()).isEqualTo(200);
      waitFor(() -> get(net, well, "/ready").statusCode() == 200, "the healthy follower ready");

      // Liveness is not readiness: with the leader and the sick node gone, the last one is alive
      // but knows no leader.
      net.stop(net.indexOf(leader));
      net.stop(sick);
      waitFor(() -> get(net, well, "/ready").statusCode() == 503, "the lone node to be not ready");
      assertThat(get(net, well, "/health").statusCode()).isEqualTo(200);
      assertThat(json(get(net, well, "/ready")).path("reason").asText())
          .isEqualTo("no leader is known");
      assertThat(metrics(net, well)).containsEntry("urna_ledger_leader_known", 0.0);
    }
  }
}
