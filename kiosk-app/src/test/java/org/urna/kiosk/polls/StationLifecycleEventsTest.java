package org.urna.kiosk.polls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.core.election.SampleElection;
import org.urna.core.role.Role;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.station.StationLifecycleEvent.Kind;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationConfig.CardReaderChoice;
import org.urna.kiosk.config.StationConfig.PrinterChoice;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.station.operator.InactivityTimeout;
import org.urna.sync.StationEventOutbox;

/**
 * The station signs each lifecycle event and queues it in its ballot box for the ledger (decision
 * 0344), on a real H2 box and the ESC/POS emulator: a whole day in order with the reports' hashes
 * and counts, and a power cut between an event and its state change (either way round) that loses
 * no event and doubles none.
 */
class StationLifecycleEventsTest {
  static final SampleElection SAMPLE = SampleElection.create();
  static final String STATION = "uik-1701";
  static final Instant ELECTION_DAY = Instant.parse("2027-09-19T06:00:00Z");

  @TempDir Path dir;
  private Path stateFolder;
  private InProcessPrinter printer;
  private ExecutorService worker;
  private ScheduledExecutorService scheduler;
  private StationRuntime station;

  @BeforeEach
  void aStation() throws Exception {
    SAMPLE.writeTo(dir.resolve("usb"));
    stateFolder = dir.resolve("state");
    worker = Executors.newSingleThreadExecutor();
    scheduler = Executors.newSingleThreadScheduledExecutor();
    printer = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20);
    StationKeys.install(stateFolder, SAMPLE.stationKey(STATION));
  }

  @AfterEach
  void stop() {
    if (station != null) {
      station.close();
    }
    printer.close();
    worker.shutdownNow();
    scheduler.shutdownNow();
  }

  /** A station without validators: the events wait in its box (the sync is tested in sync). */
  private StationRuntime open() {
    StationConfig c =
        new StationConfig(
            STATION,
            new CardReaderChoice.Simulated(),
            new PrinterChoice.Emulator(PrinterProfile.EPSON_TM_T20),
            dir.resolve("box"),
            List.of(),
            dir.resolve("ledger.policy"),
            "en",
            InactivityTimeout.DEFAULT,
            stateFolder,
            List.of(dir.resolve("usb")),
            SAMPLE.trustAnchor().sha256Hex(),
            dir.resolve("cards-ca.der"),
            Set.of());
    station =
        StationRuntime.open(
            StationContext.of(c),
            new SimulatedCardReader(),
            printer,
            Clock.fixed(ELECTION_DAY, ZoneOffset.UTC),
            Runnable::run,
            worker,
            scheduler);
    return station;
  }

  private void restart() {
    station.close();
    station = null;
    open();
  }

  private List<StationLifecycleEvent> queued() {
    return StationEventOutbox.all(station.ballotBox().orElseThrow());
  }

  private static List<Kind> kinds(List<StationLifecycleEvent> events) {
    return events.stream().map(StationLifecycleEvent::kind).toList();
  }

  private StationRuntime loaded() throws Exception {
    StationRuntime s = open();
    s.load(s.checkPackage(Role.POLL_WORKER, "en"), Role.POLL_WORKER);
    return s;
  }

  @Test
  void aWholeDayIsSignedAndQueuedInOrderWithTheReportsAndCounts() throws Exception {
    StationRuntime s = loaded();
    StationRuntime.Printed zero = s.openPolls(Role.POLL_WORKER, "en");
    castBlank(s.ballotBox().orElseThrow(), 3);
    StationRuntime.Printed pause = s.pause(Role.POLL_WORKER, "en");
    s.resumePolls(Role.POLL_WORKER, "en");
    castBlank(s.ballotBox().orElseThrow(), 1);
    StationRuntime.Printed closing = s.closePolls(Role.POLL_WORKER, "en");

    List<StationLifecycleEvent> events = queued();
    assertThat(kinds(events))
        .containsExactly(
            Kind.ELECTION_LOADED,
            Kind.POLLS_OPENED,
            Kind.POLLS_PAUSED,
            Kind.POLLS_RESUMED,
            Kind.POLLS_CLOSED);
    assertThat(events)
        .extracting(StationLifecycleEvent::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    for (StationLifecycleEvent e : events) {
      assertThat(e.signedBy(SAMPLE.stationKey(STATION).publicKey())).as(e.toString()).isTrue();
      assertThat(e.stationId()).isEqualTo(STATION);
      assertThat(e.extendedHash()).isEqualTo(SAMPLE.electionPackage().extendedHash());
      assertThat(e.time()).isEqualTo(ELECTION_DAY.getEpochSecond());
    }
    assertThat(events.get(1).ballots()).isZero();
    assertThat(events.get(1).reportHex()).contains(zero.report().hash());
    assertThat(events.get(2).ballots()).isEqualTo(3);
    assertThat(events.get(2).reportHex()).contains(pause.report().hash());
    assertThat(events.get(3).reportHex()).isEmpty();
    assertThat(events.get(4).ballots()).isEqualTo(4);
    assertThat(events.get(4).reportHex()).contains(closing.report().hash());
    assertThat(events.get(4).chainHead()).isEqualTo(s.ballotBox().orElseThrow().lastTrackingCode());
    // a restart changes nothing
    restart();
    assertThat(queued())
        .extracting(StationLifecycleEvent::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(station.pollsState()).isEqualTo(PollsState.CLOSED);
  }

  @Test
  void aPowerCutAfterTheOpeningEventAndBeforeTheStateFileFinishesTheOpening() throws Exception {
    StationRuntime s = loaded();
    s.openPolls(Role.POLL_WORKER, "en");
    s.close();
    station = null;
    // the cut: the state file never reached the disk
    PollsStateFile.read(stateFolder).with(PollsState.LOADED).write(stateFolder);
    open();
    assertThat(station.pollsState()).isEqualTo(PollsState.OPEN);
    assertThat(kinds(queued())).containsExactly(Kind.ELECTION_LOADED, Kind.POLLS_OPENED);
    assertThat(station.ballotBox().orElseThrow().auditEntries(1, 1000))
        .anyMatch(a -> a.action().equals("polls-state-restored"));
    restart();
    assertThat(kinds(queued())).containsExactly(Kind.ELECTION_LOADED, Kind.POLLS_OPENED);
  }

  @Test
  void aPowerCutAfterClosingAndBeforeItsEventQueuesTheEventOnceAtRestart() throws Exception {
    StationRuntime s = loaded();
    s.openPolls(Role.POLL_WORKER, "en");
    castBlank(s.ballotBox().orElseThrow(), 2);
    s.close();
    station = null;
    // the cut: the polls were written closed, the closing event was never queued
    PollsStateFile.read(stateFolder).with(PollsState.CLOSED).write(stateFolder);
    open();
    List<StationLifecycleEvent> events = queued();
    assertThat(kinds(events))
        .containsExactly(Kind.ELECTION_LOADED, Kind.POLLS_OPENED, Kind.POLLS_CLOSED);
    assertThat(events.getLast().ballots()).isEqualTo(2);
    assertThat(events.getLast().reportHex()).hasValueSatisfying(h -> assertThat(h).hasSize(64));
    assertThat(station.ballotBox().orElseThrow().auditEntries(1, 1000))
        .anyMatch(a -> a.action().equals("closing-event-after-restart"));
    restart();
    assertThat(queued()).hasSize(3);
  }

  private static void castBlank(BallotBox box, int n) {
    BlankBallots.cast(SAMPLE, box, STATION, ELECTION_DAY, n);
  }
}
