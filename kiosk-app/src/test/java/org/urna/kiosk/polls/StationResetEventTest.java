package org.urna.kiosk.polls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.core.election.SampleElection;
import org.urna.core.role.Role;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.station.StationLifecycleEvent.Kind;
import org.urna.core.station.StationLifecycleEvent.ResetReason;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationConfig.CardReaderChoice;
import org.urna.kiosk.config.StationConfig.PrinterChoice;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.service.LogExport;
import org.urna.kiosk.service.SafeReset;
import org.urna.kiosk.station.operator.AuditNote;
import org.urna.kiosk.station.operator.InactivityTimeout;
import org.urna.sync.StationEventOutbox;

/**
 * Service mode's safe reset on the station runtime, a real H2 box and the ESC/POS emulator, with no
 * ledger in reach (decision 0349): refused while ballots and events wait for the ledger and no
 * export covers them (nothing is signed then); with an export, the reset is signed and queued, the
 * export is written again to hold it, and the box is archived; a reset the ledger did not confirm
 * and no export holds stays queued across a restart, voting stays stopped; the station then refuses
 * to load the election again, and a station whose confirmed reset came before its polls opened
 * loads it again with its event numbers continued.
 */
class StationResetEventTest {
  static final SampleElection SAMPLE = SampleElection.create();
  static final String STATION = "uik-1701";
  static final Instant ELECTION_DAY = Instant.parse("2027-09-19T06:00:00Z");

  @TempDir Path dir;
  private Path stateFolder;
  private Path usb;
  private InProcessPrinter printer;
  private ExecutorService worker;
  private ScheduledExecutorService scheduler;
  private StationRuntime station;

  @BeforeEach
  void aStation() throws Exception {
    usb = dir.resolve("usb");
    SAMPLE.writeTo(usb);
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
            List.of(usb),
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

  private StationRuntime loaded() throws Exception {
    StationRuntime s = open();
    s.load(s.checkPackage(Role.POLL_WORKER, "en"), Role.POLL_WORKER);
    return s;
  }

  private List<Kind> kinds() {
    return StationEventOutbox.all(station.ballotBox().orElseThrow()).stream()
        .map(StationLifecycleEvent::kind)
        .toList();
  }

  private List<String> actions() {
    return LogExport.entries(station.ballotBox().orElseThrow()).stream()
        .map(AuditEntry::action)
        .toList();
  }

  /** What the Audit log screen does on "Export". */
  private void export() throws Exception {
    BallotBox box = station.ballotBox().orElseThrow();
    Instant now = ELECTION_DAY.plusSeconds(7200);
    LogExport.Written w = LogExport.write(box, STATION, SAMPLE.stationKey(STATION), usb, now);
    station.audit(new AuditNote(Role.TECHNICIAN, "audit-log-exported", "to " + usb));
    LogExport.remember(stateFolder, w.lastSeq(), usb, now);
  }

  private SafeReset reset(boolean withKey) {
    return new SafeReset(
        station,
        () -> withKey ? Optional.of(SAMPLE.stationKey(STATION)) : Optional.empty(),
        Duration.ZERO);
  }

  @Test
  void refusedWithUnsyncedBallotsAndEventsThenSignedQueuedExportedAndArchived() throws Exception {
    StationRuntime s = loaded();
    s.openPolls(Role.POLL_WORKER, "en");
    castBlank(s.ballotBox().orElseThrow(), 2);
    s.closePolls(Role.POLL_WORKER, "en");
    BallotBox box = s.ballotBox().orElseThrow();
    var head = box.lastTrackingCode();
    int entriesBefore = actions().size();

    // no ledger confirmed anything: 2 ballots and 3 events wait, and no export covers them
    assertThat(reset(true).check())
        .isEqualTo(new SafeReset.Verdict.Refused(2, 3, Optional.empty()));
    assertThatThrownBy(
            () ->
                reset(true)
                    .run(Role.TECHNICIAN, "tech", true, ResetReason.ELECTION_OVER, ELECTION_DAY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2 ballots and 3 station events are not on the ledger yet");
    assertThat(kinds()).doesNotContain(Kind.RESET);
    assertThat(actions()).hasSize(entriesBefore);

    export();
    assertThat(reset(true).check()).isInstanceOf(SafeReset.Verdict.Allowed.class);
    SafeReset.Done done =
        reset(true).run(Role.TECHNICIAN, "tech", true, ResetReason.ELECTION_OVER, ELECTION_DAY);

    assertThat(done.onLedger()).isFalse();
    StationLifecycleEvent e = done.event().orElseThrow();
    assertThat(e.kind()).isEqualTo(Kind.RESET);
    assertThat(e.sequence()).isEqualTo(4);
    assertThat(e.ballots()).isEqualTo(2);
    assertThat(e.chainHead()).isEqualTo(head);
    assertThat(e.resetReason()).contains(ResetReason.ELECTION_OVER);
    assertThat(e.signedBy(SAMPLE.stationKey(STATION).publicKey())).isTrue();
    assertThat(kinds())
        .containsExactly(Kind.ELECTION_LOADED, Kind.POLLS_OPENED, Kind.POLLS_CLOSED, Kind.RESET);
    // the audit log: the event, its note, the export written again to hold it, the reset
    List<String> after = actions().subList(entriesBefore, actions().size());
    assertThat(after)
        .containsSubsequence(
            "audit-log-exported",
            StationEventOutbox.AUDIT_ACTION,
            "station-reset-queued",
            "audit-log-exported",
            "station-reset");
    assertThat(LogExport.entries(box).getLast().details())
        .contains("not confirmed by the ledger; in the export");
    // the newest export holds the signed reset event
    String b64 = Base64.getEncoder().encodeToString(e.bytes());
    try (Stream<Path> files = Files.list(usb)) {
      assertThat(
              files
                  .filter(p -> p.toString().endsWith(".jsonl"))
                  .map(p -> read(p))
                  .filter(t -> t.contains(b64))
                  .count())
          .isEqualTo(1);
    }
    // archived, and the note of the reset kept beside the key
    try (Stream<Path> left = Files.list(dir.resolve("box"))) {
      assertThat(left.toList()).isEmpty();
    }
    ResetNote note = ResetNote.read(stateFolder).orElseThrow();
    assertThat(note)
        .isEqualTo(
            new ResetNote(
                HexFormat.of().formatHex(SAMPLE.electionPackage().extendedHash()),
                4,
                2,
                true,
                false));

    // a new station start on the same state folder: no election; this one may not be loaded again
    station.close();
    station = null;
    StationRuntime again = open();
    assertThat(again.pollsState()).isEqualTo(PollsState.NO_ELECTION);
    assertThatThrownBy(() -> again.checkPackage(Role.POLL_WORKER, "en"))
        .isInstanceOf(PackageRefusal.class)
        .hasMessageContaining("takes no further part in this election")
        .extracting(x -> ((PackageRefusal) x).reason())
        .isEqualTo(PackageRefusal.Reason.RESET_HERE);
  }

  @Test
  void aResetNeitherConfirmedNorExportedStaysQueuedAndStopsVotingAcrossARestart() throws Exception {
    StationRuntime s = loaded();
    s.openPolls(Role.POLL_WORKER, "en");
    export();
    // an export before the reset, and no key at hand to write one after it: the reset waits
    assertThatThrownBy(
            () -> reset(false).run(Role.TECHNICIAN, "tech", true, ResetReason.FAULT, ELECTION_DAY))
        .isInstanceOf(SafeReset.ResetPending.class)
        .hasMessageContaining("is signed and queued, but the ledger has not confirmed it");
    assertThat(kinds()).containsExactly(Kind.ELECTION_LOADED, Kind.POLLS_OPENED, Kind.RESET);
    assertThat(s.pollsState()).isEqualTo(PollsState.CLOSED);
    assertThat(actions())
        .contains("station-reset-queued", "polls-closed-by-reset", "station-reset-waits");
    assertThat(Files.exists(dir.resolve("box"))).isTrue();
    assertThat(ResetNote.read(stateFolder)).isEmpty();

    // the power goes: the reset is still the last event, voting stays stopped
    restart();
    assertThat(station.pollsState()).isEqualTo(PollsState.CLOSED);
    assertThat(kinds()).containsExactly(Kind.ELECTION_LOADED, Kind.POLLS_OPENED, Kind.RESET);
    SafeReset.Verdict v = reset(false).check();
    assertThat(v).isInstanceOf(SafeReset.Verdict.Refused.class);
    assertThat(((SafeReset.Verdict.Refused) v).pending()).isPresent();
    // a second reset signs nothing new: the queued one is the reset, with its reason
    assertThat(station.queueReset(Role.TECHNICIAN, ResetReason.OTHER).orElseThrow().resetReason())
        .contains(ResetReason.FAULT);
    assertThat(kinds()).hasSize(3);

    export();
    SafeReset.Done done =
        reset(false).run(Role.TECHNICIAN, "tech", true, ResetReason.FAULT, ELECTION_DAY);
    assertThat(done.event().orElseThrow().sequence()).isEqualTo(3);
    assertThat(ResetNote.read(stateFolder).orElseThrow().onLedger()).isFalse();
    station.close();
    station = null;
    StationRuntime again = open();
    assertThatThrownBy(() -> again.checkPackage(Role.POLL_WORKER, "en"))
        .isInstanceOf(PackageRefusal.class)
        .hasMessageContaining("was reset in this election");
  }

  @Test
  void afterAConfirmedResetBeforeOpeningTheElectionLoadsAgainAndItsNumbersContinue()
      throws Exception {
    // what a reset the ledger confirmed (event 2, after "election loaded") left in the state folder
    new ResetNote(
            HexFormat.of().formatHex(SAMPLE.electionPackage().extendedHash()), 2, 0, false, true)
        .write(stateFolder);
    StationRuntime s = loaded();
    s.openPolls(Role.POLL_WORKER, "en");
    List<StationLifecycleEvent> events = StationEventOutbox.all(s.ballotBox().orElseThrow());
    assertThat(events).extracting(StationLifecycleEvent::sequence).containsExactly(3L, 4L);
    assertThat(events)
        .extracting(StationLifecycleEvent::kind)
        .containsExactly(Kind.ELECTION_LOADED, Kind.POLLS_OPENED);
    // the zero check held for the new box
    assertThat(events.getLast().ballots()).isZero();
    restart();
    assertThat(StationEventOutbox.all(station.ballotBox().orElseThrow()))
        .extracting(StationLifecycleEvent::sequence)
        .containsExactly(3L, 4L);
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void castBlank(BallotBox box, int n) {
    BlankBallots.cast(SAMPLE, box, STATION, ELECTION_DAY, n);
  }
}
