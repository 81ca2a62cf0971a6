package org.urna.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.core.ballot.TestElection;
import org.urna.core.role.Role;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.station.StationLifecycleEvent.Kind;
import org.urna.ledger.node.ValidatorNode;
import org.urna.ledger.replication.LedgerView;

/**
 * A station's lifecycle events travel like its ballots (decision 0344): queued in the ballot box,
 * sent in order between the ballots they count, confirmed by inclusion proofs, on every validator
 * of a real three-validator network; a restart between queueing and confirming loses none and
 * doubles none.
 */
class StationEventsSyncTest {
  @TempDir Path dir;
  private LedgerNetwork network;
  private long sequence;

  @BeforeEach
  void startNetwork() throws Exception {
    network = new LedgerNetwork(dir.resolve("ledger"), 3);
  }

  @AfterEach
  void stopNetwork() {
    if (network != null) {
      network.close();
    }
  }

  private SyncConfig config(Path state) {
    SyncConfig.Builder b =
        SyncConfig.builder()
            .policy(network.trust())
            .stateDirectory(state)
            .batchSize(4)
            .connectTimeout(Duration.ofSeconds(2))
            .requestTimeout(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(300))
            .confirmInterval(Duration.ofMillis(200))
            .backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    network.endpoints().forEach(b::endpoint);
    return b.build();
  }

  /** Queues the station's next event as the station runtime does, counting the box's ballots. */
  private void queue(BallotBox box, Kind kind) {
    var o = box.outboxCounts();
    StationLifecycleEvent e =
        StationLifecycleEvent.sign(
            Boxes.key(box.stationId()),
            Boxes.ELECTION.key.extendedHash(),
            box.stationId(),
            ++sequence,
            kind,
            TestElection.HOUR * 3600 + 600 + sequence,
            o.pending() + o.submitted() + o.confirmed(),
            box.lastTrackingCode(),
            kind.carriesReport()
                ? Optional.of(new byte[32]).map(r -> filled(r))
                : Optional.empty());
    StationEventOutbox.queue(box, Role.POLL_WORKER, e);
  }

  private byte[] filled(byte[] r) {
    java.util.Arrays.fill(r, (byte) sequence);
    return r;
  }

  private static List<Kind> kindsOn(ValidatorNode node, String station) {
    return node.machine().state().stationEvents(station).stream()
        .map(LedgerView.StationEventEntry::kind)
        .toList();
  }

  @Test
  void aDayOfEventsIsSentBetweenItsBallotsAndShowsOnEveryValidator() throws Exception {
    Path d = dir.resolve("day");
    try (BallotBox box = Boxes.open(d, "s1")) {
      // the ledger was out of reach all day: everything waits in the box, then goes in order
      queue(box, Kind.ELECTION_LOADED);
      queue(box, Kind.POLLS_OPENED);
      Boxes.cast(box, 5, new Random(1));
      queue(box, Kind.POLLS_PAUSED);
      queue(box, Kind.POLLS_RESUMED);
      Boxes.cast(box, 3, new Random(2));
      queue(box, Kind.POLLS_CLOSED);
      try (SyncService sync = SyncService.open(box, config(d.resolve("sync")))) {
        assertThat(sync.status().events()).isEqualTo(new SyncStatus.Events(0, 0, true));
        sync.start();
        LedgerNetwork.waitFor(
            () ->
                sync.status().allConfirmed()
                    && sync.status().events().confirmed() == 5
                    && sync.status().events().queued() == 5,
            "every ballot and event confirmed");
        assertThat(sync.status().alarm()).isEmpty();
      }
      long size = network.treeSize();
      assertThat(size).isEqualTo(8 + 5);
      for (ValidatorNode node : network.nodes) {
        LedgerNetwork.waitFor(() -> node.machine().state().log().size() == size, "caught up");
        assertThat(kindsOn(node, "s1"))
            .containsExactly(
                Kind.ELECTION_LOADED,
                Kind.POLLS_OPENED,
                Kind.POLLS_PAUSED,
                Kind.POLLS_RESUMED,
                Kind.POLLS_CLOSED);
        assertThat(node.machine().state().stationEvents("s1"))
            .extracting(LedgerView.StationEventEntry::index)
            .containsExactly(0L, 1L, 7L, 8L, 12L);
      }
      JsonNode stations =
          new ObjectMapper()
              .readTree(
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(network.endpoint(2).resolve("/v1/stations"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body());
      assertThat(stations.path("stations").path("s1").asLong()).isEqualTo(8);
      JsonNode s1 = stations.path("polls").path("s1");
      assertThat(s1.path("state").asText()).isEqualTo("polls closed");
      assertThat(s1.path("openedAt").asText()).isNotEmpty();
      assertThat(s1.path("closedAt").asText()).isNotEmpty();
      assertThat(s1.path("events")).hasSize(5);
      assertThat(s1.path("events").get(4).path("ballots").asLong()).isEqualTo(8);
      assertThat(s1.path("events").get(4).path("report").asText()).hasSize(64);
    }
  }

  @Test
  void aPowerCutBetweenQueueingAndConfirmingLosesNoEventAndDoublesNone() throws Exception {
    Path d = dir.resolve("cut");
    Path state = d.resolve("sync");
    BallotBox box = Boxes.open(d, "s1");
    queue(box, Kind.ELECTION_LOADED);
    queue(box, Kind.POLLS_OPENED);
    // one round sends both; the cut comes before their proofs are saved
    SyncService first = SyncService.open(box, config(state));
    first.runOnce();
    first.close();
    box.close();
    LedgerNetwork.waitFor(() -> kindsOn(network.nodes[0], "s1").size() == 2, "both events sent");
    // the station comes back: one more event was queued just before the cut, never sent
    box = Boxes.open(d, "s1");
    try {
      Boxes.cast(box, 2, new Random(3));
      queue(box, Kind.POLLS_PAUSED);
      box.close();
      box = Boxes.open(d, "s1");
      assertThat(StationEventOutbox.all(box)).hasSize(3);
      try (SyncService again = SyncService.open(box, config(state))) {
        assertThat(again.status().events().confirmed()).isZero();
        again.start();
        LedgerNetwork.waitFor(
            () -> again.status().allConfirmed() && again.status().events().confirmed() == 3,
            "every event confirmed once");
      }
      for (ValidatorNode node : network.nodes) {
        LedgerNetwork.waitFor(
            () -> node.machine().state().log().size() == 5, "caught up: 3 events, 2 ballots");
        assertThat(kindsOn(node, "s1"))
            .containsExactly(Kind.ELECTION_LOADED, Kind.POLLS_OPENED, Kind.POLLS_PAUSED);
      }
      assertThat(java.nio.file.Files.readString(state.resolve("events-confirmed")).strip())
          .isEqualTo("3");
    } finally {
      box.close();
    }
  }

  @Test
  void anEventTheLedgerRefusesRaisesTheAlarmAndStopsSending() throws Exception {
    Path d = dir.resolve("refused");
    try (BallotBox box = Boxes.open(d, "s1")) {
      queue(box, Kind.ELECTION_LOADED);
      queue(box, Kind.POLLS_CLOSED); // the polls never opened
      try (SyncService sync = SyncService.open(box, config(d.resolve("sync")))) {
        sync.runOnce();
        assertThat(sync.status().alarm())
            .hasValueSatisfying(
                a -> {
                  assertThat(a.alarm()).isInstanceOf(SyncAlarm.EventRefused.class);
                  assertThat(a.alarm().details())
                      .contains("station event 2 (polls closed) refused")
                      .contains("\"polls closed\" cannot follow \"election loaded\"");
                });
      }
      for (ValidatorNode node : network.nodes) {
        LedgerNetwork.waitFor(() -> kindsOn(node, "s1").size() == 1, "the first event applied");
        assertThat(kindsOn(node, "s1")).containsExactly(Kind.ELECTION_LOADED);
      }
    }
  }
}
