package org.urna.ledger.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.urna.ledger.replication.TestNetwork.waitFor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.urna.core.ballot.TestElection;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.station.StationLifecycleEvent.Kind;
import org.urna.ledger.merkle.ProofVerifier;
import org.urna.ledger.merkle.Rfc6962;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.proof.TlogProof;
import org.urna.ledger.replication.Commands;
import org.urna.ledger.replication.LedgerLeaf;
import org.urna.ledger.replication.Stations;
import org.urna.ledger.replication.TestNetwork;

/**
 * Station events over HTTP on a running three-validator network: what a station sends, what is
 * refused before replication, the proof of an event, and /v1/stations on every validator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StationEventsHttpTest {
  static final byte[] Q = Stations.ELECTION.key.extendedHash();
  static final ObjectMapper JSON = new ObjectMapper();
  Path dir;
  TestNetwork net;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startNetwork() throws Exception {
    dir = Files.createTempDirectory("ledger-events");
    net = new TestNetwork(dir, 3, 10_000);
  }

  @AfterAll
  void stop() throws Exception {
    net.close();
  }

  static StationLifecycleEvent event(long seq, Kind kind) {
    return StationLifecycleEvent.sign(
        Stations.keyOf("s2"),
        Q,
        "s2",
        seq,
        kind,
        TestElection.HOUR * 3600 + 5,
        0,
        TrackingCode.seed(Q, "s2"),
        kind.carriesReport()
            ? Optional.of(
                new byte[] {
                  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                  24, 25, 26, 27, 28, 29, 30, 31, 32
                })
            : Optional.empty());
  }

  HttpResponse<String> post(int node, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(net.peers.get(node).httpUrl() + "/v1/events"))
            .header("Content-Type", "application/vnd.urna.station-events")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(int node, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(net.peers.get(node).httpUrl() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eventsAreTakenProvenAndListedOnEveryValidator() throws Exception {
    StationLifecycleEvent loaded = event(1, Kind.ELECTION_LOADED);
    StationLifecycleEvent opened = event(2, Kind.POLLS_OPENED);
    HttpResponse<String> r = post(0, Commands.batch(List.of(loaded.bytes(), opened.bytes())));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode results = JSON.readTree(r.body()).get("results");
    assertThat(results.get(0).path("status").asText()).isEqualTo("accepted");
    assertThat(results.get(1).path("sequence").asLong()).isEqualTo(2);
    long index = results.get(1).path("index").asLong();

    // the same bytes again, through another validator: resubmitted, nothing doubled
    r = post(2, Commands.batch(List.of(opened.bytes())));
    assertThat(JSON.readTree(r.body()).get("results").get(0).path("resubmitted").asBoolean())
        .isTrue();
    // out of order: refused with the reason, nothing appended
    r = post(1, Commands.batch(List.of(event(3, Kind.POLLS_RESUMED).bytes())));
    assertThat(JSON.readTree(r.body()).get("results").get(0).path("reason").asText())
        .isEqualTo("out of order at station s2: \"polls resumed\" cannot follow \"polls opened\"");

    waitFor(
        () -> {
          try {
            return get(1, "/v1/proof/event/s2/2").statusCode() == 200;
          } catch (Exception e) {
            return false;
          }
        },
        "the event under a cosigned checkpoint");
    TlogProof proof = TlogProof.parse(get(1, "/v1/proof/event/s2/2").body());
    assertThat(proof.index()).isEqualTo(index);
    byte[] leaf = proof.extra().orElseThrow();
    assertThat(leaf).isEqualTo(LedgerLeaf.encodeEvent(opened.bytes()));
    Checkpoint cp = Checkpoint.parse(proof.checkpoint().text());
    assertThat(
            ProofVerifier.verifyInclusion(
                Rfc6962.leafHash(leaf), proof.index(), cp.size(), proof.path(), cp.root()))
        .isTrue();
    assertThat(net.policy.accepts(proof.checkpoint())).isTrue();

    for (int node = 0; node < 3; node++) {
      int n = node;
      waitFor(
          () -> {
            try {
              return JSON.readTree(get(n, "/v1/stations").body())
                      .path("polls")
                      .path("s2")
                      .path("events")
                      .size()
                  == 2;
            } catch (Exception e) {
              return false;
            }
          },
          "both events on validator " + node);
      JsonNode s2 = JSON.readTree(get(n, "/v1/stations").body()).path("polls").path("s2");
      assertThat(s2.path("state").asText()).isEqualTo("polls opened");
      assertThat(s2.path("openedAt").asText())
          .isEqualTo(java.time.Instant.ofEpochSecond(TestElection.HOUR * 3600 + 5).toString());
      assertThat(s2.path("closedAt").isNull()).isTrue();
      assertThat(s2.path("events").get(1).path("report").asText()).hasSize(64);
    }
    assertThat(get(0, "/v1/proof/event/s2/9").statusCode()).isEqualTo(404);
    assertThat(get(0, "/v1/proof/event/S2/x").statusCode()).isEqualTo(400);
  }

  @Test
  void badRequestsAreRefusedBeforeReplication() throws Exception {
    long before = net.nodes[0].machine().state().log().size();
    assertThat(post(0, new byte[] {0, 0, 0, 1}).statusCode()).isEqualTo(400);
    HttpResponse<String> r = post(0, Commands.batch(List.of(new byte[] {1, 2, 3})));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("event 0: malformed station event");
    List<byte[]> many =
        new ArrayList<>(Collections.nCopies(65, event(1, Kind.ELECTION_LOADED).bytes()));
    assertThat(post(0, Commands.batch(many)).statusCode()).isEqualTo(413);
    assertThat(net.nodes[0].machine().state().log().size()).isEqualTo(before);
  }
}
