package org.urna.kiosk.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.urna.ballotbox.audit.AuditExport;
import org.urna.hardware.card.pcsc.PcscCardReader;
import org.urna.hardware.card.pcsc.PcscdFixture;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.card.virtual.VpcdCardConnection;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.EscPosEmulator;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.hardware.printer.escpos.EscPosPrinter;
import org.urna.hardware.printer.serial.JSerialCommLink;
import org.urna.hardware.printer.serial.SocatPtyPair;
import org.urna.kiosk.polls.StationKeys;

/**
 * A technician in service mode, on real devices: the simulated card reader holding a virtual PIV
 * card, the real ESC/POS driver on the in-process emulator (which renders the paper), a real H2
 * ballot box, a real HTTP server standing for a validator and a closed port for an unreachable one.
 * Each story runs in Russian and English and saves its screens in docs/screenshots/service/.
 */
class ServiceModeStoriesTest extends ServiceStory {
  private final SimulatedCardReader reader = new SimulatedCardReader();
  private final InProcessPrinter printer = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20);
  private HttpServer validator;

  private void cardIn() {
    reader.start(e -> {});
    reader.insert(TechnicianCard.issue());
  }

  @AfterEach
  void stopValidator() {
    if (validator != null) {
      validator.stop(0);
    }
  }

  private int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void everyDiagnosticRunsAgainstTheDevicesAndTheReadinessReportPrints(String lang)
      throws Exception {
    validator = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    validator.createContext(
        "/health",
        x -> {
          byte[] ok = "ok\n".getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders(200, ok.length);
          x.getResponseBody().write(ok);
          x.close();
        });
    validator.start();
    String up = "http://127.0.0.1:" + validator.getAddress().getPort();
    String down = "http://127.0.0.1:" + closedPort();
    rig.settings.put("ledger.endpoints", up + ", " + down);
    cardIn();
    open(reader, printer, true, lang);

    tap("run-all");
    waitFor("check-trust-policy");
    assertThat(passed("card-readers")).isTrue();
    assertThat(text("detail-card-readers")).contains(SimulatedCardReader.READER_NAME);
    assertThat(passed("card-apdu")).as(text("detail-card-apdu")).isTrue();
    assertThat(text("detail-card-apdu")).contains("9000").containsPattern("[0-9]+\\.[0-9] ");
    assertThat(passed("printer")).as(text("detail-printer")).isTrue();
    assertThat(text("detail-printer")).contains("epson-tm-t20");
    assertThat(passed("serial-ports")).isTrue();
    assertThat(passed("disk")).isTrue();
    assertThat(text("detail-disk")).contains(rig.config.stateFolder().toString());
    assertThat(passed("clock")).isTrue();
    assertThat(passed("ledger")).as("one validator is down").isFalse();
    assertThat(text("detail-ledger")).contains(up).contains(down).containsPattern("\\([0-9]+ ");
    assertThat(passed("trust-policy")).isTrue();
    assertThat(text("detail-trust-policy")).contains("3").contains("two");
    screenshot("diagnostics-" + lang);

    tap("touch-test");
    waitFor("touch-grid");
    for (int r = 0; r < DiagnosticsScreen.GRID_ROWS; r++) {
      for (int c = 0; c < DiagnosticsScreen.GRID_COLUMNS; c++) {
        if (r == 1 && c == 2) {
          screenshot("touch-grid-" + lang);
        }
        tap("cell-" + r + "-" + c);
      }
    }
    waitFor("check-touchscreen");
    assertThat(passed("touchscreen")).isTrue();

    tap("print-test-page");
    waitFor("check-test-page");
    assertThat(passed("test-page")).as(text("detail-test-page")).isTrue();
    var testPage = printer.emulator().tearOff();
    assertThat(QrDecode.all(testPage.image())).containsExactly("urna-test-page station-1");

    tap("print-report");
    String printed = new Words(lang).t("diag.reportPrinted");
    waitUntil("the report printed", () -> text("diagnostics-status").equals(printed));
    var report = printer.emulator().paper();
    assertThat(report.cuts()).as("the report was cut off the roll").isEqualTo(1);
    assertThat(report.errors()).isEmpty();
    report.savePng(SCREENSHOTS.resolve("readiness-report-" + lang + ".png"));
    List<String> qr = QrDecode.all(report.image());
    assertThat(qr).hasSize(1);
    assertThat(qr.getFirst()).matches("urna-readiness station-1 [0-9]+ 9/10");
    assertThat(rig.station.ballotBox().orElseThrow().auditEntries(1, 100))
        .extracting(e -> e.action())
        .contains("service-mode-opened", "readiness-report-printed");
  }

  /**
   * The card checks on the real stack: pcscd, vsmartcard's vpcd driver, javax.smartcardio and the
   * virtual PIV card on the far side of vpcd's socket; then the card is taken out.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void theCardChecksRunOnPcscdWithTheVirtualCardAndSayWhenItIsTakenOut(String lang)
      throws Exception {
    try (PcscdFixture pcscd = PcscdFixture.start(Path.of("target", "pcscd-service"));
        PcscCardReader pcsc = PcscCardReader.create()) {
      java.util.Set<String> cardsSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
      pcsc.start(
          e -> {
            if (e instanceof org.urna.hardware.card.CardEvent.CardInserted in) {
              cardsSeen.add(in.reader());
            }
          });
      long until = System.nanoTime() + 30_000_000_000L;
      while (pcsc.readers().stream().noneMatch(r -> r.endsWith(" 00 00"))) {
        assertThat(System.nanoTime()).as("the virtual reader attaches").isLessThan(until);
        Thread.sleep(100);
      }
      String name =
          pcsc.readers().stream().filter(r -> r.endsWith(" 00 00")).findFirst().orElseThrow();
      rig.settings.put("card.reader", "pcsc");
      rig.settings.put("card.reader.name", name);
      VpcdCardConnection card =
          VpcdCardConnection.insert(
              TechnicianCard.issue(), pcscd.vpcdPort(), java.time.Duration.ofSeconds(30));
      // the technician runs the checks once the reader has seen the card (pcscd polls vpcd)
      while (!cardsSeen.contains(name)) {
        assertThat(System.nanoTime()).as("the reader sees the card").isLessThan(until);
        Thread.sleep(50);
      }
      open(pcsc, printer, false, lang);

      tap("diag-card-readers");
      waitFor("check-card-readers");
      assertThat(passed("card-readers")).as(text("detail-card-readers")).isTrue();
      assertThat(text("detail-card-readers")).contains(name);
      tap("diag-card-apdu");
      waitFor("check-card-apdu");
      assertThat(passed("card-apdu")).as(text("detail-card-apdu")).isTrue();
      assertThat(text("detail-card-apdu"))
          .contains(name)
          .contains("9000")
          .containsPattern("[0-9]+\\.[0-9] ");
      screenshot("diagnostics-pcsc-" + lang);

      card.close(); // the technician takes the card out
      long gone = System.nanoTime() + 30_000_000_000L;
      while (true) {
        tap("diag-card-apdu");
        waitUntil(
            "the check ran", () -> !text("diagnostics-status").equals(w(lang, "diag.running")));
        if (!passed("card-apdu")) {
          break;
        }
        assertThat(System.nanoTime()).as("the reader sees the card go").isLessThan(gone);
        Thread.sleep(200);
      }
      assertThat(text("detail-card-apdu")).isEqualTo(w(lang, "check.apdu.insert", name));
    }
  }

  /**
   * The printer checks on a serial cable: socat's pty pair, the real ESC/POS driver on one end and
   * the printer emulator on the other; then the printer's cover is opened.
   */
  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void thePrinterChecksRunOverASerialPtyAndNameAnOpenCover(String lang) throws Exception {
    printer.close(); // this story's printer is on the cable
    try (SocatPtyPair pty = SocatPtyPair.start();
        EscPosEmulator emulator =
            EscPosEmulator.start(
                JSerialCommLink.open(pty.devicePath(), 115_200), PrinterProfile.EPSON_TM_T20)) {
      rig.settings.put("printer", "escpos");
      rig.settings.put("printer.port", pty.hostPath());
      rig.settings.put("printer.baud", "115200");
      rig.settings.put("printer.profile", PrinterProfile.EPSON_TM_T20.model());
      cardIn();
      open(
          reader,
          new EscPosPrinter(
              JSerialCommLink.open(pty.hostPath(), 115_200),
              PrinterProfile.EPSON_TM_T20,
              java.time.Duration.ofSeconds(2)),
          false,
          lang);

      tap("diag-serial-ports");
      waitFor("check-serial-ports");
      assertThat(passed("serial-ports")).as(text("detail-serial-ports")).isTrue();
      assertThat(text("detail-serial-ports")).contains(pty.hostPath()).contains("115200");
      tap("diag-printer");
      waitFor("check-printer");
      assertThat(passed("printer")).as(text("detail-printer")).isTrue();
      tap("print-test-page");
      waitFor("check-test-page");
      assertThat(passed("test-page")).as(text("detail-test-page")).isTrue();
      waitUntil("the page is cut", () -> emulator.paper().cuts() == 1);
      assertThat(QrDecode.all(emulator.paper().image()))
          .containsExactly("urna-test-page station-1");

      emulator.setCoverOpen(true);
      tap("diag-printer");
      waitUntil("the printer check failed", () -> !passed("printer"));
      assertThat(text("detail-printer"))
          .isEqualTo(
              w(
                  lang,
                  "check.printer.fault",
                  "epson-tm-t20",
                  org.urna.kiosk.i18n.Messages.of(lang).text("fault.printer.COVER_OPEN")));
      screenshot("diagnostics-serial-printer-" + lang);
    }
  }

  private static String w(String lang, String key, Object... args) {
    return new Words(lang).t(key, args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void aWrongClockAFullDiskAndAnEmptyReaderEachFailWithWhatToDo(String lang) throws Exception {
    reader.start(e -> {}); // no card in it
    Clock stopped = Clock.fixed(Instant.parse("2019-05-01T10:00:00Z"), ZoneOffset.UTC);
    open(reader, printer, false, lang, stopped, 1L << 50); // a 1 PiB threshold
    assertThat(shows("pending-clock")).isTrue();
    Words w = new Words(lang);

    tap("diag-clock");
    waitFor("check-clock");
    assertThat(passed("clock")).isFalse();
    assertThat(text("detail-clock"))
        .isEqualTo(w.t("check.clock.tooEarly", "2019-05-01 10:00:00 Z"));

    tap("diag-disk");
    waitFor("check-disk");
    assertThat(passed("disk")).isFalse();
    assertThat(text("detail-disk")).contains(rig.config.stateFolder().toString());

    tap("diag-card-apdu");
    waitFor("check-card-apdu");
    assertThat(passed("card-apdu")).isFalse();
    assertThat(text("detail-card-apdu"))
        .isEqualTo(w.t("check.apdu.insert", SimulatedCardReader.READER_NAME));
    assertThat(shows("pending-ledger")).as("checks not asked for are not run").isTrue();
    screenshot("diagnostics-failing-" + lang);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void badSettingsAreEachExplainedByTheirFieldAndTheFileStaysAsItWas(String lang) throws Exception {
    open(reader, printer, false, lang);
    tap("nav-config");
    waitFor("screen-config");
    byte[] before = Files.readAllBytes(rig.configFile);
    edit("station.id", "Station 12");
    edit("ledger.endpoints", "ftp://v1.example.org");
    edit("printer.baud", "1234");
    edit("language.default", "xx");
    edit("operator.inactivity-minutes", "5");
    tap("config-save");
    waitUntil("problems show", () -> shows("problem-station-id"));
    assertThat(text("problem-station-id")).contains("is not a station id");
    assertThat(text("problem-ledger-endpoints")).contains("is not an http:// or https:// address");
    assertThat(text("problem-printer-baud")).contains("is only for printer = escpos");
    assertThat(text("problem-language-default")).contains("'xx' is not a language");
    assertThat(text("problem-operator-inactivity-minutes")).contains("outside 10 to 30 minutes");
    assertThat(shows("problem-printer-port")).isFalse();
    assertThat(Files.readAllBytes(rig.configFile)).isEqualTo(before);
    assertThat(rig.station.journal()).extracting(n -> n.action()).doesNotContain("config-changed");
    screenshot("config-problems-" + lang);

    edit("station.id", "station-7");
    edit("ledger.endpoints", "https://v1.example.org, https://v2.example.org");
    edit("printer.baud", "");
    edit("language.default", "en");
    edit("operator.inactivity-minutes", "20");
    tap("config-save");
    waitUntil(
        "saved", () -> text("config-status").contains(lang.equals("ru") ? "Сохранено" : "Saved"));
    assertThat(shows("problem-station-id")).isFalse();
    var reread = org.urna.kiosk.config.StationConfigFile.read(rig.configFile);
    assertThat(reread.stationId()).isEqualTo("station-7");
    assertThat(reread.ledgerEndpoints()).hasSize(2);
    assertThat(reread.defaultLanguage()).isEqualTo("en");
    assertThat(reread.inactivityTimeout().value()).hasMinutes(20);
    assertThat(rig.station.journal())
        .filteredOn(n -> n.action().equals("config-changed"))
        .singleElement()
        .satisfies(n -> assertThat(n.details()).contains("station.id: 'station-1' -> 'station-7'"));
    screenshot("config-saved-" + lang);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void theTechnicianGeneratesTheStationKeyAndItsRegistrationQrDecodes(String lang)
      throws Exception {
    open(reader, printer, false, lang);
    tap("nav-keys");
    waitFor("key-generate");
    screenshot("keys-none-" + lang);
    tap("key-generate");
    waitFor("key-qr");
    var store = new StateFolderKeyStore(rig.config.stateFolder(), new java.security.SecureRandom());
    var key = store.publicKey().orElseThrow();
    assertThat(text("key-state")).contains(key.toHex().substring(0, 4));
    // the file is the one the station runtime loads, owner-only
    Path keyFile = rig.config.stateFolder().resolve(StationKeys.FILE);
    assertThat(Files.readAllLines(keyFile)).first().isEqualTo(StationKeys.FORMAT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(StationKeys.load(rig.config.stateFolder()).orElseThrow().publicKey()).isEqualTo(key);
    screenshot("keys-" + lang);
    List<String> qr = QrDecode.all(snapshot());
    assertThat(qr).hasSize(1);
    RegistrationRequest request = RegistrationRequest.parse(qr.getFirst());
    assertThat(request.verifies()).isTrue();
    assertThat(request.key()).isEqualTo(key);
    assertThat(request.stationId()).isEqualTo("station-1");
    screenshot("keys-" + lang);

    tap("key-export-0");
    Path file = rig.usb.resolve("station-registration-station-1.txt");
    waitUntil("the request is saved", () -> Files.exists(file));
    assertThat(RegistrationRequest.parse(Files.readString(file)).verifies()).isTrue();

    // replacing needs three taps; the old key is archived beside the new one
    tap("key-replace");
    tap("key-replace");
    assertThat(store.publicKey()).contains(key);
    tap("key-replace");
    waitUntil(
        "a new key",
        () ->
            !text("key-state")
                .contains(key.toHex().substring(0, 4) + " " + key.toHex().substring(4, 8)));
    assertThat(store.publicKey().orElseThrow()).isNotEqualTo(key);
    assertThat(StationKeys.load(rig.config.stateFolder()).orElseThrow().publicKey())
        .isEqualTo(store.publicKey().orElseThrow());
    try (var kept = Files.list(rig.config.stateFolder())) {
      Path old =
          kept.filter(p -> p.getFileName().toString().startsWith(StationKeys.FILE + ".replaced-"))
              .findFirst()
              .orElseThrow();
      List<String> oldLines = Files.readAllLines(old);
      assertThat(oldLines).first().isEqualTo(StationKeys.FORMAT);
      assertThat(
              org.urna.core.crypto.SigningKey.fromSeed(
                      java.util.HexFormat.of().parseHex(oldLines.get(1)))
                  .publicKey())
          .as("the replaced key is kept beside the new one")
          .isEqualTo(key);
    }
    assertThat(rig.station.journal())
        .extracting(n -> n.action())
        .contains("station-key-generated", "station-registration-exported", "station-key-replaced");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void resetIsRefusedWithUnsyncedBallotsUntilTheLogIsExportedThenArchivesTheStation(String lang)
      throws Exception {
    var store =
        new StateFolderKeyStore(
            rig.config == null ? rig.writeConfig().stateFolder() : rig.config.stateFolder(),
            new java.security.SecureRandom());
    var key = store.generate(false);
    open(reader, printer, true, lang);
    rig.castOne();

    tap("nav-keys");
    waitFor("key-replace");
    tap("key-replace");
    waitUntil("refused", () -> !text("keys-status").isEmpty());
    assertThat(store.publicKey()).contains(key);

    tap("nav-reset");
    waitFor("reset-state");
    assertThat(text("reset-state")).contains("1");
    assertThat(lookup("#reset-start").query().isDisabled()).isTrue();
    screenshot("reset-refused-" + lang);

    tap("nav-logs");
    waitUntil("entries show", () -> lookup("#entry-1").tryQuery().isPresent());
    assertThat(text("logs-page")).contains("1");
    screenshot("logs-" + lang);
    tap("export-0");
    waitUntil("exported", () -> text("logs-status").contains(".xml"));
    screenshot("logs-exported-" + lang);
    try (var files = Files.list(rig.usb)) {
      List<Path> out = files.sorted().toList();
      assertThat(out)
          .extracting(p -> p.getFileName().toString())
          .anyMatch(n -> n.endsWith(".jsonl"))
          .anyMatch(n -> n.endsWith(".xml"))
          .anyMatch(n -> n.endsWith(".xml.sig"));
      for (Path p : out) {
        if (!p.toString().endsWith(".sig")) {
          String sig = Files.readString(Path.of(p + ".sig"));
          assertThat(AuditExport.verify(Files.readAllBytes(p), sig, key)).isEmpty();
        }
      }
      String xml =
          Files.readString(
              out.stream().filter(p -> p.toString().endsWith(".xml")).findFirst().orElseThrow());
      assertThat(xml)
          .contains("<Hash>")
          .contains("ballot-cast")
          .contains(AuditExport.NIST_NAMESPACE);
    }

    // a ballot cast after the export makes the export stale: refused again until the next one
    rig.castOne();
    tap("nav-reset");
    waitFor("reset-state");
    assertThat(text("reset-state")).contains("2");
    assertThat(lookup("#reset-start").query().isDisabled()).isTrue();
    tap("nav-logs");
    waitUntil("entries show", () -> lookup("#entry-1").tryQuery().isPresent());
    tap("export-0");
    waitUntil("exported again", () -> text("logs-status").contains(".xml"));

    tap("nav-reset");
    waitFor("reset-state");
    assertThat(lookup("#reset-start").query().isDisabled()).isFalse();
    tap("reset-start");
    tap("reset-start");
    screenshot("reset-confirm-" + lang);
    assertThat(Files.exists(rig.config.ballotBoxFolder().resolve("box.mv.db"))).isTrue();
    tap("reset-start");
    waitUntil("reset done", () -> text("reset-status").contains(SafeReset.ARCHIVE));
    assertThat(lookup("#reset-start").tryQuery()).as("nothing left to reset").isEmpty();
    tap("nav-logs");
    tap("nav-reset");
    waitFor("reset-status");
    assertThat(text("reset-status")).contains(SafeReset.ARCHIVE);
    assertThat(lookup("#reset-start").tryQuery()).as("still done after a screen change").isEmpty();
    screenshot("reset-done-" + lang);
    try (var left = Files.list(rig.config.ballotBoxFolder())) {
      assertThat(left.toList()).isEmpty();
    }
    try (var archived = Files.walk(rig.config.stateFolder().resolve(SafeReset.ARCHIVE))) {
      assertThat(archived.map(p -> p.getFileName().toString()))
          .contains("box.mv.db", LogExport.MARKER);
    }
    assertThat(store.publicKey()).as("the key stays").contains(key);
    assertThat(LogExport.entries(rig.station.ballotBox().orElseThrow()))
        .extracting(e -> e.action())
        .contains("audit-log-exported", "station-reset");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ru", "en"})
  void beforeAnElectionTheLogScreenShowsTheStationsJournalAndFindsAChangedEntry(String lang)
      throws Exception {
    Path state = rig.writeConfig().stateFolder();
    Path journal = state.resolve(JournalFile.FILE);
    List<String> bodies =
        List.of(
            "2026-09-01T07:00:00Z\tPOLL_WORKER\tpackage-refused\tNOT_FOUND: /media/urna",
            "2026-09-01T07:05:00Z\tTECHNICIAN\tstation-key-generated\tpublic key 03a1",
            "2026-09-01T07:10:00Z\tPOLL_WORKER\tpackage-refused\tWRONG_STATION: station-9");
    StringBuilder text = new StringBuilder();
    String chain = "0".repeat(64);
    for (String body : bodies) {
      chain = sha256Hex(chain + "\t" + body);
      text.append(body).append('\t').append(chain).append('\n');
    }
    Files.writeString(journal, text);
    open(reader, printer, false, lang);
    tap("nav-logs");
    waitFor("journal-3");
    assertThat(text("journal-3")).contains("WRONG_STATION: station-9").startsWith("#3");
    assertThat(text("logs-chain")).contains("3");
    assertThat(text("logs-chain")).isEqualTo(new Words(lang).t("logs.journalOk", 3));
    screenshot("logs-journal-" + lang);

    // someone edits the second entry: the screen names it
    Files.writeString(journal, text.toString().replace("public key 03a1", "public key 03a2"));
    tap("nav-keys");
    tap("nav-logs");
    waitFor("journal-3");
    assertThat(text("logs-chain")).isEqualTo(new Words(lang).t("logs.journalBroken", 2));
  }

  private static String sha256Hex(String s) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(
            java.security.MessageDigest.getInstance("SHA-256")
                .digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  private boolean passed(String id) {
    String[] classes = new String[1];
    interact(() -> classes[0] = String.join(" ", lookup("#check-" + id).query().getStyleClass()));
    return classes[0].contains("pass");
  }

  private void edit(String key, String value) {
    interact(
        () ->
            ((javafx.scene.control.TextField) lookup("#field-" + key.replace('.', '-')).query())
                .setText(value));
  }
}
