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

  /** Queues event {@code number} of the box's station, as the station runtime does. */
  private static StationLifecycleEvent queueAs(
      BallotBox box, long number, Kind kind, Optional<StationLifecycleEvent.ResetReason> why) {
    var o = box.outboxCounts();
    long time = TestElection.HOUR * 3600 + 900 + number;
    long ballots = o.pending() + o.submitted() + o.confirmed();
    StationLifecycleEvent e =
        kind == Kind.RESET
            ? StationLifecycleEvent.signReset(
                Boxes.key(box.stationId()),
                Boxes.ELECTION.key.extendedHash(),
                box.stationId(),
                number,
                time,
                ballots,
                box.lastTrackingCode(),
                why.orElseThrow())
            : StationLifecycleEvent.sign(
                Boxes.key(box.stationId()),
                Boxes.ELECTION.key.extendedHash(),
                box.stationId(),
                number,
                kind,
                time,
                ballots,
                box.lastTrackingCode(),
                kind.carriesReport()
                    ? Optional.of(new byte[32])
                        .map(
                            r -> {
                              java.util.Arrays.fill(r, (byte) number);
                              return r;
                            })
                    : Optional.empty());
    StationEventOutbox.queue(box, Role.TECHNICIAN, e);
    return e;
  }

  /**
   * A reset travels like the other events (decision 0349): after the ballots it counts, confirmed
   * on every validator and shown on /v1/stations with its reason; sent again from a fresh sync
   * state it is answered as resubmitted and adds nothing. A station reset before its polls opened
   * continues its numbers in a new box and votes; one reset after opening is refused when it loads
   * the election again, and the sync raises its alarm.
   */
  @Test
  void aResetIsConfirmedAfterItsBallotsAndANewBoxContinuesOnlyWhereItMay() throws Exception {
    Path d = dir.resolve("reset");
    try (BallotBox box = Boxes.open(d.resolve("s1-first"), "s1");
        BallotBox s2 = Boxes.open(d.resolve("s2-first"), "s2")) {
      queueAs(box, 1, Kind.ELECTION_LOADED, Optional.empty());
      queueAs(box, 2, Kind.POLLS_OPENED, Optional.empty());
      Boxes.cast(box, 3, new Random(4));
      queueAs(box, 3, Kind.POLLS_CLOSED, Optional.empty());
      StationLifecycleEvent reset =
          queueAs(box, 4, Kind.RESET, Optional.of(StationLifecycleEvent.ResetReason.ELECTION_OVER));
      assertThat(reset.ballots()).isEqualTo(3);
      queueAs(s2, 1, Kind.ELECTION_LOADED, Optional.empty());
      queueAs(s2, 2, Kind.RESET, Optional.of(StationLifecycleEvent.ResetReason.SET_UP_AGAIN));
      try (SyncService sync = SyncService.open(box, config(d.resolve("s1-sync")));
          SyncService sync2 = SyncService.open(s2, config(d.resolve("s2-sync")))) {
        sync.start();
        sync2.start();
        LedgerNetwork.waitFor(
            () ->
                sync.status().allConfirmed()
                    && sync.status().events().confirmed() == 4
                    && sync2.status().events().confirmed() == 2,
            "the ballots and both resets confirmed");
        assertThat(sync.status().alarm()).isEmpty();
      }
      long size = network.treeSize();
      assertThat(size).isEqualTo(3 + 4 + 2);
      for (ValidatorNode node : network.nodes) {
        LedgerNetwork.waitFor(() -> node.machine().state().log().size() == size, "caught up");
        assertThat(kindsOn(node, "s1"))
            .containsExactly(
                Kind.ELECTION_LOADED, Kind.POLLS_OPENED, Kind.POLLS_CLOSED, Kind.RESET);
        assertThat(node.machine().state().stationEvents("s1").getLast().ballots()).isEqualTo(3);
      }
      JsonNode s1 = stations().path("polls").path("s1");
      assertThat(s1.path("state").asText()).isEqualTo("station reset");
      assertThat(s1.path("resetAt").asText()).isNotEmpty();
      assertThat(s1.path("events").get(3).path("reason").asText())
          .isEqualTo("cleared after the election");
      assertThat(s1.path("events").get(3).path("ballots").asLong()).isEqualTo(3);

      // replayed from a fresh sync state: every event answered as resubmitted, nothing added
      try (SyncService again = SyncService.open(box, config(d.resolve("s1-sync-again")))) {
        again.start();
        LedgerNetwork.waitFor(
            () -> again.status().events().confirmed() == 4, "the same events confirmed again");
        assertThat(again.status().alarm()).isEmpty();
      }
      assertThat(network.treeSize()).isEqualTo(size);
    }

    // s2 was reset before its polls opened: a new box, numbers from 3, the zero check, ballots
    try (BallotBox box = Boxes.open(d.resolve("s2-second"), "s2")) {
      queueAs(box, 3, Kind.ELECTION_LOADED, Optional.empty());
      queueAs(box, 4, Kind.POLLS_OPENED, Optional.empty());
      Boxes.cast(box, 2, new Random(5));
      try (SyncService sync = SyncService.open(box, config(d.resolve("s2-second-sync")))) {
        sync.start();
        LedgerNetwork.waitFor(
            () -> sync.status().allConfirmed() && sync.status().events().confirmed() == 4,
            "the new box's events and ballots confirmed");
        assertThat(sync.status().alarm()).isEmpty();
      }
      for (ValidatorNode node : network.nodes) {
        LedgerNetwork.waitFor(
            () -> node.machine().state().stationEvents("s2").size() == 4, "s2 caught up");
        assertThat(kindsOn(node, "s2"))
            .containsExactly(
                Kind.ELECTION_LOADED, Kind.RESET, Kind.ELECTION_LOADED, Kind.POLLS_OPENED);
        assertThat(node.machine().state().stationCount("s2")).isEqualTo(2);
      }
    }

    // s1 was reset after its polls opened: a new box cannot take its place. The sync's own check
    // (decision 0064) finds the ledger holding ballots of s1 that the new box does not, and stands
    // its alarm before anything is sent; the ledger would refuse the load anyway (validator test)
    try (BallotBox box = Boxes.open(d.resolve("s1-second"), "s1")) {
      queueAs(box, 5, Kind.ELECTION_LOADED, Optional.empty());
      try (SyncService sync = SyncService.open(box, config(d.resolve("s1-second-sync")))) {
        sync.runOnce();
        assertThat(sync.status().alarm())
            .hasValueSatisfying(
                a ->
                    assertThat(a.alarm().details())
                        .contains(
                            "3 ballots of station s1 are on the ledger and not in the ballot"
                                + " box"));
      }
      for (ValidatorNode node : network.nodes) {
        assertThat(kindsOn(node, "s1")).hasSize(4);
      }
    }
  }

  private JsonNode stations() throws Exception {
    return new ObjectMapper()
        .readTree(
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(network.endpoint(1).resolve("/v1/stations")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
  }
}
