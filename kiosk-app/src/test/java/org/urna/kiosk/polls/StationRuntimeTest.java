package org.urna.kiosk.polls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.core.election.SampleElection;
import org.urna.core.role.Role;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.printer.PrintResult;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationConfig.CardReaderChoice;
import org.urna.kiosk.config.StationConfig.PrinterChoice;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.polls.PackageRefusal.Reason;
import org.urna.kiosk.station.operator.InactivityTimeout;
import org.urna.sync.SyncService;
import org.urna.tlog.KeyType;
import org.urna.tlog.NoteKey;

/**
 * The station's polls from a signed election package to closed polls, on a real H2 ballot box in a
 * temporary folder and the ESC/POS emulator: what each refusal says and that it changes nothing,
 * and that the state survives a restart.
 */
class StationRuntimeTest {
  static final SampleElection SAMPLE = SampleElection.create();
  static final String STATION = "uik-1701";
  static final Instant ELECTION_DAY = Instant.parse("2027-09-19T06:00:00Z");

  @TempDir Path dir;
  private Path usb;
  private Path stateFolder;
  private InProcessPrinter printer;
  private ExecutorService worker;
  private ScheduledExecutorService scheduler;
  private StationRuntime station;
  private Instant now = ELECTION_DAY;

  @BeforeEach
  void aStationWithAUsbStick() throws Exception {
    usb = dir.resolve("usb");
    SAMPLE.writeTo(usb);
    stateFolder = dir.resolve("state");
    worker = Executors.newSingleThreadExecutor();
    scheduler = Executors.newSingleThreadScheduledExecutor();
  }

  @AfterEach
  void stop() {
    if (station != null) {
      station.close();
    }
    if (printer != null) {
      printer.close();
    }
    worker.shutdownNow();
    scheduler.shutdownNow();
  }

  private StationConfig config(String stationId, String anchor) {
    return new StationConfig(
        stationId,
        new CardReaderChoice.Simulated(),
        new PrinterChoice.Emulator(PrinterProfile.EPSON_TM_T20),
        dir.resolve("box"),
        List.of(java.net.URI.create("http://127.0.0.1:1")),
        dir.resolve("ledger.policy"),
        "en",
        InactivityTimeout.DEFAULT,
        stateFolder,
        List.of(dir.resolve("not-mounted"), usb),
        anchor,
        dir.resolve("cards-ca.der"),
        Set.of());
  }

  /** This station's configuration, trusting the sample's authority. */
  private StationConfig ours() {
    return config(STATION, SAMPLE.trustAnchor().sha256Hex());
  }

  /** Loads the sample election on a station with its key, then stops that station. */
  private void loadThenStop() throws Exception {
    StationRuntime s = openWithKey();
    s.load(s.checkPackage(Role.POLL_WORKER, "en"), Role.POLL_WORKER);
    s.close();
    station = null;
  }

  private StationRuntime open(StationConfig config) {
    return open(StationContext.of(config));
  }

  private StationRuntime open(StationContext context) {
    if (printer == null) {
      printer = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20);
    }
    station =
        StationRuntime.open(
            context,
            new SimulatedCardReader(),
            printer,
            Clock.fixed(now, ZoneOffset.UTC),
            Runnable::run,
            worker,
            scheduler);
    return station;
  }

  private StationRuntime openWithKey() {
    StationKeys.install(stateFolder, SAMPLE.stationKey(STATION));
    return open(ours());
  }

  private void reopen() {
    station.close();
    station = null;
    open(ours());
  }

  private Map<String, byte[]> stateFiles() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (Files.isDirectory(stateFolder)) {
      try (var s = Files.list(stateFolder)) {
        for (Path p : s.sorted().toList()) {
          if (!p.getFileName().toString().equals(StationJournal.FILE)) {
            files.put(p.getFileName().toString(), Files.readAllBytes(p));
          }
        }
      }
    }
    return files;
  }

  private String journal() throws Exception {
    return Files.readString(stateFolder.resolve(StationJournal.FILE), StandardCharsets.UTF_8);
  }

  private PackageRefusal refusal(StationRuntime s) {
    try {
      s.checkPackage(Role.POLL_WORKER, "en");
    } catch (PackageRefusal r) {
      return r;
    }
    throw new AssertionError("the package was accepted");
  }

  @Test
  void aStationWithoutItsKeyRefusesToLoadAndSaysATechnicianMustCreateIt() throws Exception {
    StationRuntime s = open(ours());
    Map<String, byte[]> before = stateFiles();
    PackageRefusal r = refusal(s);
    assertThat(r.reason()).isEqualTo(Reason.NO_STATION_KEY);
    assertThat(r.getMessage()).contains("technician").contains("service mode");
    assertThat(stateFiles()).containsOnlyKeys(before.keySet().toArray(String[]::new));
    assertThat(journal()).contains("package-refused");
    assertThat(s.pollsState()).isEqualTo(PollsState.NO_ELECTION);
  }

  @Test
  void noPackageOnTheStickSaysWhereItLooked() throws Exception {
    Files.delete(usb.resolve(PackageCheck.FILE_NAME));
    PackageRefusal r = refusal(openWithKey());
    assertThat(r.reason()).isEqualTo(Reason.NOT_FOUND);
    assertThat(r.getMessage()).contains(usb.toString()).contains("USB stick");
  }

  @Test
  void aPackageFromAnotherAuthorityIsRefusedAsForeign() {
    StationKeys.install(stateFolder, SAMPLE.stationKey(STATION));
    String other =
        SampleElection.create("another-authority", SampleElection.DEFAULT_WINDOW)
            .trustAnchor()
            .sha256Hex();
    PackageRefusal r = refusal(open(config(STATION, other)));
    assertThat(r.reason()).isEqualTo(Reason.FOREIGN_AUTHORITY);
    assertThat(r.getMessage()).contains("not issued by the election authority this station trusts");
    assertThat(station.pollsState()).isEqualTo(PollsState.NO_ELECTION);
  }

  @Test
  void aChangedPackageIsRefusedAndNothingIsCopied() throws Exception {
    Path file = usb.resolve(PackageCheck.FILE_NAME);
    String json = Files.readString(file);
    // Change one character inside the signed manifest: the title a voter would read.
    int at = json.indexOf("\"electionId\"");
    assertThat(at).isPositive();
    Files.writeString(file, json.replaceFirst("sample-2027", "sample-2028"));
    StationRuntime s = openWithKey();
    Map<String, byte[]> before = stateFiles();
    PackageRefusal r = refusal(s);
    assertThat(r.reason()).isIn(Reason.NOT_SIGNED, Reason.DAMAGED);
    assertThat(r.getMessage()).contains("Do not use it");
    assertThat(stateFiles().keySet()).isEqualTo(before.keySet());
    assertThat(stateFolder.resolve(StationRuntime.PACKAGE_COPY)).doesNotExist();
  }

  @Test
  void garbageInPlaceOfThePackageIsRefusedAsDamaged() throws Exception {
    Files.write(usb.resolve(PackageCheck.FILE_NAME), new byte[] {0x7b, 0x00, (byte) 0xff, 0x22});
    PackageRefusal r = refusal(openWithKey());
    assertThat(r.reason()).isEqualTo(Reason.DAMAGED);
    assertThat(r.getMessage()).contains("damaged");
  }

  @Test
  void aPackageForOtherStationsOrAnotherMachineIsRefused() {
    StationKeys.install(stateFolder, SAMPLE.stationKey(STATION));
    PackageRefusal other = refusal(open(config("uik-9999", SAMPLE.trustAnchor().sha256Hex())));
    assertThat(other.reason()).isEqualTo(Reason.OTHER_STATION);
    assertThat(other.getMessage()).contains("uik-1701").contains("uik-9999");
    station.close();
    station = null;
    // The right station id, but this machine's key is another station's.
    StationKeys.install(stateFolder, SAMPLE.stationKey("uik-1702"));
    PackageRefusal key = refusal(open(ours()));
    assertThat(key.reason()).isEqualTo(Reason.OTHER_STATION_KEY);
    assertThat(key.getMessage()).contains("another machine");
  }

  @Test
  void aPackageSignedForAnotherStationIsRefusedAndOurOwnLoads() throws Exception {
    Path file = usb.resolve(PackageCheck.FILE_NAME);
    Files.write(file, SAMPLE.electionPackage().forStation("uik-1702", SAMPLE.authority()).toJson());
    StationRuntime s = openWithKey();
    Map<String, byte[]> before = stateFiles();
    PackageRefusal r = refusal(s);
    assertThat(r.reason()).isEqualTo(Reason.OTHER_STATION);
    assertThat(r.getMessage()).contains("made for station uik-1702").contains("uik-1701");
    assertThat(stateFiles()).containsOnlyKeys(before.keySet().toArray(String[]::new));
    assertThat(stateFolder.resolve(StationRuntime.PACKAGE_COPY)).doesNotExist();

    Files.write(file, SAMPLE.electionPackage().forStation(STATION, SAMPLE.authority()).toJson());
    s.load(s.checkPackage(Role.POLL_WORKER, "en"), Role.POLL_WORKER);
    assertThat(station.pollsState()).isNotEqualTo(PollsState.NO_ELECTION);
  }

  @Test
  void aPackageWhoseVotingEndedCannotBeLoaded() {
    now = SampleElection.DEFAULT_WINDOW.closes().plusSeconds(60);
    PackageRefusal r = refusal(openWithKey());
    assertThat(r.reason()).isEqualTo(Reason.WINDOW_CLOSED);
  }

  @Test
  void aStationWithoutValidatorsSaysSoOnItsDashboardAndReports() throws Exception {
    StationKeys.install(stateFolder, SAMPLE.stationKey(STATION));
    StationConfig c = ours();
    StationRuntime s =
        open(
            new StationConfig(
                c.stationId(),
                c.cardReader(),
                c.printer(),
                c.ballotBoxFolder(),
                List.of(),
                c.trustPolicyFile(),
                c.defaultLanguage(),
                c.inactivityTimeout(),
                c.stateFolder(),
                c.packageFolders(),
                c.packageTrustAnchor(),
                c.cardAuthorityCertificate(),
                c.revokedCardSerials()));
    s.load(s.checkPackage(Role.POLL_WORKER, "en"), Role.POLL_WORKER);
    StationLedger ledger = s.ledger().orElseThrow();
    assertThat(ledger.snapshot().standing()).isEqualTo(StationLedger.Standing.NOT_CONFIGURED);
    s.openPolls(Role.POLL_WORKER, "en");
    assertThat(printer.emulator().tearOff().text().replaceAll("\\s+", " "))
        .contains("Last cosigned checkpoint: no ledger configured on this station")
        .doesNotContain("none yet");
    castBlank(s.ballotBox().orElseThrow(), 1);
    s.closePolls(Role.POLL_WORKER, "en");
    assertThat(printer.emulator().tearOff().text().replaceAll("\\s+", " "))
        .contains("no ledger configured on this station")
        .doesNotContain("none yet");
  }

  @Test
  void aLedgerLinkThatCannotStartLeavesTheStationWorkingAndSaysWhy() throws Exception {
    // ours() names a trust policy file that does not exist
    StationRuntime s = openWithKey();
    s.load(s.checkPackage(Role.POLL_WORKER, "en"), Role.POLL_WORKER);
    StationLedger.Snapshot l = s.ledger().orElseThrow().snapshot();
    assertThat(l.standing()).isEqualTo(StationLedger.Standing.UNAVAILABLE);
    assertThat(l.problem()).hasValueSatisfying(p -> assertThat(p).contains("ledger.policy"));
    s.openPolls(Role.POLL_WORKER, "en");
    assertThat(s.pollsState()).isEqualTo(PollsState.OPEN);
    assertThat(printer.emulator().tearOff().text().replaceAll("\\s+", " "))
        .contains("Last cosigned checkpoint: none yet");
  }

  /**
   * The closing drain stops at the first failed attempt to reach the ledger, even when the sync
   * stamps its errors with a clock far from the wall clock (it once compared the two and waited out
   * its whole patience, twice, on every close).
   */
  @Test
  @Timeout(value = 15, unit = TimeUnit.SECONDS) // one whole patience is 20 s
  void closingWithAnUnreachableLedgerWaitsForOneFailedAttemptNotItsPatience() throws Exception {
    Files.writeString(dir.resolve("ledger.policy"), ledgerPolicy());
    StationKeys.install(stateFolder, SAMPLE.stationKey(STATION));
    StationConfig config = ours();
    Clock past = Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
    StationContext.LedgerFactory syncWithAPastClock =
        (box, state) ->
            SyncService.open(
                box,
                StationContext.LedgerFactory.syncConfig(config, state),
                past,
                RandomGenerator.of("L64X128MixRandom"));
    StationContext base = StationContext.of(config);
    StationRuntime s =
        open(new StationContext(config, base.cardReaders(), base.printers(), syncWithAPastClock));
    s.load(s.checkPackage(Role.POLL_WORKER, "en"), Role.POLL_WORKER);
    s.openPolls(Role.POLL_WORKER, "en");
    castBlank(s.ballotBox().orElseThrow(), 1);
    s.closePolls(Role.POLL_WORKER, "en");
    assertThat(s.pollsState()).isEqualTo(PollsState.CLOSED);
    assertThat(printer.emulator().tearOff().text()).contains("CLOSING REPORT");
    assertThat(s.ledger().orElseThrow().snapshot().sync())
        .hasValueSatisfying(st -> assertThat(st.lastError()).isPresent());
  }

  private static String ledgerPolicy() throws Exception {
    return "log "
        + vkey("log.test", KeyType.ED25519)
        + "\nwitness v1 "
        + vkey("v1.test", KeyType.COSIGNATURE_V1)
        + "\nquorum v1\n";
  }

  private static String vkey(String name, KeyType type) throws Exception {
    byte[] encoded =
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    return new NoteKey(name, type, Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length))
        .vkey();
  }

  @Test
  void fromLoadToClosedPollsWithReportsAndCounts() throws Exception {
    StationRuntime s = openWithKey();
    PackageCheck.Checked c = s.checkPackage(Role.POLL_WORKER, "en");
    assertThat(c.fingerprint().display()).matches("[0-9a-f]{4}(-[0-9a-f]{4}){3} · (\\S+ ){3}\\S+");
    s.load(c, Role.POLL_WORKER);
    assertThat(s.pollsState()).isEqualTo(PollsState.LOADED);
    assertThat(s.ballotBox()).isPresent();

    StationRuntime.Printed zero = s.openPolls(Role.POLL_WORKER, "en");
    assertThat(zero.result()).isInstanceOf(PrintResult.Printed.class);
    var zeroPaper = printer.emulator().tearOff();
    savePaper(zeroPaper, "zero-report");
    String zeroText = zeroPaper.text();
    assertThat(zeroText)
        .contains("ZERO REPORT")
        .contains(STATION)
        .contains(c.fingerprint().shortHash())
        .contains(zero.report().hash().substring(0, 16));
    assertThat(s.pollsState()).isEqualTo(PollsState.OPEN);

    castBlank(s.ballotBox().orElseThrow(), 3);
    s.pause(Role.POLL_WORKER, "en");
    assertThat(printer.emulator().tearOff().text()).contains("POLLS PAUSED");
    assertThatThrownBy(() -> s.openPolls(Role.POLL_WORKER, "en"))
        .isInstanceOf(PollsRefusal.class)
        .hasMessageContaining("paused");
    s.resumePolls(Role.POLL_WORKER, "en");
    assertThat(s.pollsState()).isEqualTo(PollsState.OPEN);

    StationRuntime.Printed closing = s.closePolls(Role.POLL_WORKER, "en");
    var closingPaper = printer.emulator().tearOff();
    savePaper(closingPaper, "closing-report");
    String closingText = closingPaper.text();
    assertThat(closingText)
        .contains("CLOSING REPORT")
        .contains("Ballots cast")
        .contains("3")
        .contains(s.ballotBox().orElseThrow().lastTrackingCode().display().replace("-", " "));
    assertThat(closing.report().hash()).isNotEqualTo(zero.report().hash());
    assertThat(s.pollsState()).isEqualTo(PollsState.CLOSED);
    assertThat(s.counts().cast()).isEqualTo(3);

    // The same election cannot be loaded again on this station.
    PackageRefusal again = refusal(s);
    assertThat(again.getMessage()).contains("already closed on this station");

    // Every step is in the box's hash-chained audit log.
    var actions =
        s.ballotBox().orElseThrow().auditEntries(1, 1000).stream().map(e -> e.action()).toList();
    assertThat(actions)
        .containsSubsequence(
            "election-loaded",
            "zero-check-passed",
            "polls-opened",
            "polls-paused",
            "polls-resumed",
            "polls-closed");
  }

  @Test
  void theZeroCheckRefusesABoxThatIsNotEmptyAndThePollsStayShut() throws Exception {
    StationRuntime s = openWithKey();
    s.load(s.checkPackage(Role.POLL_WORKER, "en"), Role.POLL_WORKER);
    castBlank(s.ballotBox().orElseThrow(), 1);
    assertThatThrownBy(() -> s.openPolls(Role.POLL_WORKER, "en"))
        .isInstanceOf(PollsRefusal.class)
        .hasMessageContaining("not empty (1 cast")
        .hasMessageContaining("call the election office");
    assertThat(s.pollsState()).isEqualTo(PollsState.LOADED);
    assertThat(printer.emulator().paper().text()).doesNotContain("ZERO REPORT");
    assertThat(s.ballotBox().orElseThrow().auditEntries(1, 100).stream().map(e -> e.action()))
        .contains("zero-check-failed");
  }

  @Test
  void paperOutAtOpeningLeavesThePollsShutUntilTheReportPrints() throws Exception {
    StationRuntime s = openWithKey();
    s.load(s.checkPackage(Role.POLL_WORKER, "en"), Role.POLL_WORKER);
    printer.emulator().setPaperOut(true);
    assertThatThrownBy(() -> s.openPolls(Role.POLL_WORKER, "en"))
        .isInstanceOf(PollsRefusal.class)
        .hasMessageContaining("Check the printer");
    assertThat(s.pollsState()).isEqualTo(PollsState.LOADED);
    printer.emulator().setPaperOut(false);
    s.openPolls(Role.POLL_WORKER, "en");
    assertThat(s.pollsState()).isEqualTo(PollsState.OPEN);
  }

  @Test
  void thePollsCannotOpenBeforeTheVotingWindow() throws Exception {
    now = SampleElection.DEFAULT_WINDOW.opens().minusSeconds(3600);
    StationRuntime s = openWithKey();
    s.load(s.checkPackage(Role.POLL_WORKER, "en"), Role.POLL_WORKER);
    assertThatThrownBy(() -> s.openPolls(Role.POLL_WORKER, "en"))
        .isInstanceOf(PollsRefusal.class)
        .hasMessageContaining("voting is from");
    assertThat(s.pollsState()).isEqualTo(PollsState.LOADED);
  }

  @Test
  void aRestartedStationComesBackInTheStateItsPollsWereLeftIn() throws Exception {
    StationRuntime s = openWithKey();
    s.load(s.checkPackage(Role.POLL_WORKER, "en"), Role.POLL_WORKER);
    s.openPolls(Role.POLL_WORKER, "en");
    castBlank(s.ballotBox().orElseThrow(), 2);
    String fingerprint = s.fingerprint().orElseThrow().hex();
    reopen();
    assertThat(station.pollsState()).isEqualTo(PollsState.OPEN);
    assertThat(station.counts().cast()).isEqualTo(2);
    assertThat(station.fingerprint().orElseThrow().hex()).isEqualTo(fingerprint);
    // A second load is refused while the polls are open.
    PackageRefusal r = refusal(station);
    assertThat(r.reason()).isEqualTo(Reason.ALREADY_LOADED);
  }

  @Test
  void aChangedJournalStopsTheStationWithAClearMessage() throws Exception {
    StationRuntime s = openWithKey();
    refusal(open(config("uik-9999", SAMPLE.trustAnchor().sha256Hex())));
    s.close();
    station.close();
    station = null;
    Path file = stateFolder.resolve(StationJournal.FILE);
    String text = Files.readString(file);
    assertThat(text).contains("OTHER_STATION");
    Files.writeString(file, text.replace("OTHER_STATION", "OTHER_STATIOM"));
    assertThatThrownBy(() -> open(ours()))
        .hasMessageContaining("audit journal")
        .hasMessageContaining("was changed at entry 1");
  }

  @Test
  void aDamagedPollsStateFileStopsTheStationAndIsLeftAsItWas() throws Exception {
    loadThenStop();
    Path file = stateFolder.resolve(PollsStateFile.FILE);
    for (String damage :
        List.of("", "urna/polls-state/v1\nWIDE_OPEN\n-\n", "urna/polls-state/v9\nOPEN\n-\n")) {
      byte[] bytes = damage.getBytes(StandardCharsets.UTF_8);
      Files.write(file, bytes);
      assertThatThrownBy(() -> open(ours()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("polls state file")
          .hasMessageContaining("damaged");
      assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }
  }

  @Test
  void aDamagedStationKeyStopsTheStationAndIsLeftAsItWas() throws Exception {
    StationKeys.install(stateFolder, SAMPLE.stationKey(STATION));
    Path file = stateFolder.resolve(StationKeys.FILE);
    byte[] good = Files.readAllBytes(file);
    byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
    byte[] flipped = good.clone();
    flipped[good.length - 3] = 'g';
    for (byte[] damage : List.of(truncated, flipped, new byte[0])) {
      Files.write(file, damage);
      assertThatThrownBy(() -> open(ours()))
          .hasMessageContaining("station key file")
          .hasMessageContaining("technician must replace it");
      assertThat(Files.readAllBytes(file)).isEqualTo(damage);
    }
  }

  @Test
  void aStationCopyOfThePackageThatWasChangedIsRefusedAtStart() throws Exception {
    loadThenStop();
    Path copy = stateFolder.resolve(StationRuntime.PACKAGE_COPY);
    Files.writeString(copy, Files.readString(copy).replaceFirst("sample-2027", "sample-2028"));
    assertThatThrownBy(() -> open(ours())).hasMessageContaining("copy of the election package");
  }

  /** Saves a report as docs/screenshots/polls/<name>.png (beside the kiosk's screenshots). */
  private static void savePaper(org.urna.hardware.printer.emulator.PrintedPaper paper, String name)
      throws Exception {
    Path kiosk = Path.of(System.getProperty("urna.screenshots", "target/screenshots/kiosk"));
    Path dir = kiosk.resolveSibling("polls");
    Files.createDirectories(dir);
    paper.savePng(dir.resolve(name + ".png"));
  }

  private static void castBlank(BallotBox box, int n) {
    BlankBallots.cast(SAMPLE, box, STATION, ELECTION_DAY, n);
  }
}
