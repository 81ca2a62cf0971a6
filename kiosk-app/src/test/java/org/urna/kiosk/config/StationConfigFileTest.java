package org.urna.kiosk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.config.StationConfig.CardReaderChoice;
import org.urna.kiosk.config.StationConfig.PrinterChoice;
import org.urna.tlog.KeyType;
import org.urna.tlog.NoteKey;

class StationConfigFileTest {
  @TempDir Path dir;

  private Map<String, String> good;

  @BeforeEach
  void writeTrustPolicy() throws Exception {
    Files.writeString(dir.resolve("ledger.policy"), policy());
    Files.writeString(dir.resolve("not-a-policy"), "log nonsense\n");
    Files.createDirectory(dir.resolve("box"));
    good = new LinkedHashMap<>();
    good.put("station.id", "station-12");
    good.put("card.reader", "pcsc");
    good.put("card.reader.name", "ACS ACR39U ICC Reader 00 00");
    good.put("printer", "escpos");
    good.put("printer.port", "/dev/ttyUSB0");
    good.put("printer.baud", "19200");
    good.put("printer.profile", "epson-tm-t20");
    good.put("ballot-box.folder", "box");
    good.put("ledger.endpoints", "https://v1.example.org, http://10.0.0.2:8080");
    good.put("ledger.trust-policy", "ledger.policy");
    good.put("language.default", "ru");
    good.put("operator.inactivity-minutes", "20");
    Files.createDirectory(dir.resolve("state"));
    good.put("station.state-folder", "state");
    good.put("election.package-folders", "/media/urna, incoming");
    good.put("election.trust-anchor", "AB:".repeat(31) + "AB");
    Files.write(
        dir.resolve("cards-ca.der"),
        org.urna.hardware.card.role.CertificateAuthority.create(
                "Test card authority",
                java.time.Instant.parse("2026-01-01T00:00:00Z"),
                java.time.Instant.parse("2036-01-01T00:00:00Z"),
                new java.security.SecureRandom())
            .certificateDer());
    Files.writeString(dir.resolve("not-a-certificate.der"), "hello");
    good.put("cards.authority-certificate", "cards-ca.der");
  }

  @Test
  void aGoodFileGivesEverySettingWithPathsBesideTheFile() throws Exception {
    StationConfig c = read(good);
    assertThat(c.stationId()).isEqualTo("station-12");
    assertThat(c.cardReader()).isEqualTo(new CardReaderChoice.Pcsc("ACS ACR39U ICC Reader 00 00"));
    assertThat(c.printer())
        .isEqualTo(new PrinterChoice.EscPos("/dev/ttyUSB0", 19200, PrinterProfile.EPSON_TM_T20));
    assertThat(c.ballotBoxFolder()).isEqualTo(dir.resolve("box"));
    assertThat(c.ledgerEndpoints())
        .containsExactly(URI.create("https://v1.example.org"), URI.create("http://10.0.0.2:8080"));
    assertThat(c.trustPolicyFile()).isEqualTo(dir.resolve("ledger.policy"));
    assertThat(c.defaultLanguage()).isEqualTo("ru");
    assertThat(c.inactivityTimeout().value()).isEqualTo(Duration.ofMinutes(20));
    assertThat(c.stateFolder()).isEqualTo(dir.resolve("state"));
    assertThat(c.packageFolders()).containsExactly(Path.of("/media/urna"), dir.resolve("incoming"));
    assertThat(c.packageTrustAnchor()).isEqualTo("ab".repeat(32));
    assertThat(c.cardAuthorityCertificate()).isEqualTo(dir.resolve("cards-ca.der"));
    assertThat(c.revokedCardSerials()).isEmpty();
  }

  @Test
  void theDemosDevicesAreAConfigurationToo() throws Exception {
    good.put("card.reader", "simulated");
    good.remove("card.reader.name");
    good.put("printer", "emulator");
    good.remove("printer.port");
    good.remove("printer.baud");
    good.remove("printer.profile");
    good.remove("operator.inactivity-minutes");
    StationConfig c = read(good);
    assertThat(c.cardReader()).isEqualTo(new CardReaderChoice.Simulated());
    assertThat(c.printer()).isEqualTo(new PrinterChoice.Emulator(PrinterProfile.EPSON_TM_T20));
    assertThat(c.inactivityTimeout().value()).isEqualTo(Duration.ofMinutes(15));
    StationContext context = StationContext.of(c);
    try (var reader = context.cardReaders().open();
        var printer = context.printers().open()) {
      assertThat(reader).isInstanceOf(SimulatedCardReader.class);
      assertThat(printer).isInstanceOf(InProcessPrinter.class);
      assertThat(printer.status().isReady()).isTrue();
    }
    assertThat(StationContext.LedgerFactory.syncConfig(c, dir.resolve("sync")).endpoints())
        .isEqualTo(c.ledgerEndpoints());
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("station.id", null, "is missing"),
        Arguments.of("station.id", "Station 12", "is not a station id"),
        Arguments.of("station.id", "-12", "is not a station id"),
        Arguments.of("card.reader", null, "is missing"),
        Arguments.of("card.reader", "usb", "is not a card reader: pcsc or simulated"),
        Arguments.of("card.reader.name", null, "is missing (the PC/SC reader's name"),
        Arguments.of("printer", null, "is missing"),
        Arguments.of("printer", "laser", "is not a printer: escpos or emulator"),
        Arguments.of("printer.port", null, "is missing (the printer's serial port"),
        Arguments.of("printer.port", "/dev/tty USB0", "is not a serial port name"),
        Arguments.of("printer.baud", null, "is missing (the serial speed"),
        Arguments.of("printer.baud", "fast", "'fast' is not a serial speed"),
        Arguments.of("printer.baud", "14400", "'14400' is not a serial speed"),
        Arguments.of("printer.profile", null, "is missing (the printer model"),
        Arguments.of("printer.profile", "epson", "is not a known printer model"),
        Arguments.of("ballot-box.folder", null, "is missing"),
        Arguments.of("ballot-box.folder", "ledger.policy", "is a file, not a folder"),
        Arguments.of("ballot-box.folder", "no/such/box", "its parent folder does not exist"),
        Arguments.of("ledger.endpoints", null, "is missing"),
        Arguments.of("ledger.endpoints", "ftp://v1.example.org", "is not an http:// or https://"),
        Arguments.of("ledger.endpoints", "https://v1.example.org,", "an empty address"),
        Arguments.of("ledger.endpoints", "https://a.org, https://a.org", "is listed twice"),
        Arguments.of("ledger.endpoints", "https://u:p@a.org", "must be a plain address"),
        Arguments.of("ledger.endpoints", "http:///path", "has no host"),
        Arguments.of("ledger.endpoints", "https://a b", "is not an address"),
        Arguments.of("ledger.trust-policy", null, "is missing"),
        Arguments.of("ledger.trust-policy", "missing.policy", "is not a readable file"),
        Arguments.of("ledger.trust-policy", "not-a-policy", "is not a tlog-policy"),
        Arguments.of("language.default", null, "is missing"),
        Arguments.of("language.default", "fr", "is not a language the kiosk has words for"),
        Arguments.of("operator.inactivity-minutes", "9", "outside 10 to 30 minutes"),
        Arguments.of("operator.inactivity-minutes", "31", "outside 10 to 30 minutes"),
        Arguments.of("operator.inactivity-minutes", "15.5", "is not a whole number"),
        Arguments.of("printer.colour", "red", "is not a setting"),
        Arguments.of("station.state-folder", null, "is missing"),
        Arguments.of("station.state-folder", "ledger.policy", "is a file, not a folder"),
        Arguments.of("station.state-folder", "/nowhere/at/all", "its parent folder does not"),
        Arguments.of("election.package-folders", null, "is missing"),
        Arguments.of("election.package-folders", "a,,b", "an empty folder"),
        Arguments.of("election.package-folders", "a, a", "is listed twice"),
        Arguments.of("election.trust-anchor", null, "is missing"),
        Arguments.of("election.trust-anchor", "abc", "is not a SHA-256"),
        Arguments.of("cards.authority-certificate", null, "is missing"),
        Arguments.of("cards.authority-certificate", "nope.der", "is not a readable file"),
        Arguments.of(
            "cards.authority-certificate",
            "not-a-certificate.der",
            "is not a card authority's certificate"),
        Arguments.of("cards.revoked-serials", "12, xyz", "'xyz' is not a serial"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("badValues")
  void eachBadValueIsReportedWithItsKeyAndAMessage(String key, String value, String message) {
    if (value == null) {
      good.remove(key);
    } else {
      good.put(key, value);
    }
    assertThatThrownBy(() -> read(good))
        .isInstanceOfSatisfying(
            StationConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.key()).isEqualTo(key);
                          assertThat(p.message()).contains(message);
                        }));
  }

  @Test
  void settingsOfAnotherDeviceKindAreRefused() {
    good.put("card.reader", "simulated");
    good.put("printer", "emulator");
    assertThatThrownBy(() -> read(good))
        .isInstanceOfSatisfying(
            StationConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key)
                    .containsExactlyInAnyOrder("card.reader.name", "printer.port", "printer.baud"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    good.put("station.id", "Bad Id");
    good.put("printer.baud", "1");
    good.put("language.default", "de");
    assertThatThrownBy(() -> read(good))
        .isInstanceOfSatisfying(
            StationConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key)
                    .containsExactly("station.id", "printer.baud", "language.default"));
  }

  @Test
  void aSavedFileReadsBackTheSameAndReplacesTheOldOneWithNothingLeftBeside() throws Exception {
    StationConfig c = read(good);
    Path file = dir.resolve("station.conf");
    Files.writeString(file, "station.id = old\n");
    StationConfig changed =
        new StationConfig(
            "station-13",
            c.cardReader(),
            new PrinterChoice.EscPos("/dev/ttyS0", 115200, PrinterProfile.GENERIC_58MM),
            c.ballotBoxFolder(),
            List.of(URI.create("https://v9.example.org")),
            c.trustPolicyFile(),
            "tt",
            org.urna.kiosk.station.operator.InactivityTimeout.ofMinutes(30),
            c.stateFolder(),
            List.of(dir.resolve("usb")),
            "cd".repeat(32),
            c.cardAuthorityCertificate(),
            java.util.Set.of("1a2b", "ff"));
    StationConfigFile.save(file, changed);
    assertThat(StationConfigFile.read(file)).isEqualTo(changed);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "station.conf",
              "ledger.policy",
              "not-a-policy",
              "box",
              "state",
              "cards-ca.der",
              "not-a-certificate.der");
    }
  }

  @Test
  void aConfigurationThatWouldNotReadBackIsNotSavedAndTheOldFileStays() throws Exception {
    StationConfig c = read(good);
    Path file = dir.resolve("station.conf");
    Files.writeString(file, StationConfigFile.format(c));
    String before = Files.readString(file);
    StationConfig bad =
        new StationConfig(
            "Not An Id",
            c.cardReader(),
            c.printer(),
            c.ballotBoxFolder(),
            c.ledgerEndpoints(),
            c.trustPolicyFile(),
            c.defaultLanguage(),
            c.inactivityTimeout(),
            c.stateFolder(),
            c.packageFolders(),
            c.packageTrustAnchor(),
            c.cardAuthorityCertificate(),
            c.revokedCardSerials());
    assertThatThrownBy(() -> StationConfigFile.save(file, bad))
        .isInstanceOf(StationConfigException.class)
        .hasMessageContaining("station.id");
    assertThat(Files.readString(file)).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void theStationsCommandLineReportsEachBadSettingAndExits2() throws Exception {
    good.put("printer.baud", "123");
    good.put("operator.inactivity-minutes", "45");
    Path file = dir.resolve("station.conf");
    Files.writeString(file, text(good));
    var err = new ByteArrayOutputStream();
    var out = new ByteArrayOutputStream();
    int status =
        org.urna.kiosk.station.StationMainAccess.run(
            List.of("--config", file.toString(), "--check"), out, err);
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("printer.baud: '123' is not a serial speed")
        .contains("operator.inactivity-minutes: 45 minutes is outside 10 to 30 minutes");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void theStationsCommandLineStartsTheSimulatedStation() throws Exception {
    good.put("card.reader", "simulated");
    good.remove("card.reader.name");
    good.put("printer", "emulator");
    good.remove("printer.port");
    good.remove("printer.baud");
    Path file = dir.resolve("station.conf");
    Files.writeString(file, text(good));
    var err = new ByteArrayOutputStream();
    var out = new ByteArrayOutputStream();
    int status =
        org.urna.kiosk.station.StationMainAccess.run(
            List.of("--config", file.toString(), "--check"), out, err);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("station station-12")
        .contains("card reader: simulated")
        .contains("printer: emulator (epson-tm-t20), ready")
        .contains("ledger: 2 validator(s)");
  }

  private StationConfig read(Map<String, String> settings) throws Exception {
    Path file = dir.resolve("station.conf");
    Files.writeString(file, text(settings));
    return StationConfigFile.read(file);
  }

  private static String text(Map<String, String> settings) {
    StringBuilder s = new StringBuilder();
    settings.forEach((k, v) -> s.append(k).append(" = ").append(v).append('\n'));
    return s.toString();
  }

  /** A tlog-policy with a fresh log key and one cosigner (the form validators publish). */
  private static String policy() throws Exception {
    String log = vkey("log.test", KeyType.ED25519);
    String witness = vkey("v1.test", KeyType.COSIGNATURE_V1);
    return "log " + log + "\nwitness v1 " + witness + "\nquorum v1\n";
  }

  private static String vkey(String name, KeyType type) throws Exception {
    byte[] encoded =
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    return new NoteKey(name, type, raw).vkey();
  }
}
