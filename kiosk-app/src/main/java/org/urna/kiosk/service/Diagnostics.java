package org.urna.kiosk.service;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.urna.core.election.VotingWindow;
import org.urna.hardware.card.CardIoException;
import org.urna.hardware.card.apdu.CommandApdu;
import org.urna.hardware.card.apdu.ResponseApdu;
import org.urna.hardware.card.piv.PivApplication;
import org.urna.hardware.printer.PrintResult;
import org.urna.hardware.printer.PrinterStatus;
import org.urna.hardware.printer.layout.PaperLayouts;
import org.urna.hardware.printer.layout.TestPageContent;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationConfig.CardReaderChoice;
import org.urna.kiosk.config.StationConfig.PrinterChoice;
import org.urna.kiosk.operator.Station;
import org.urna.tlog.TrustPolicy;

/**
 * The technician's diagnostics, each against the station's real devices and files: card readers and
 * a SELECT PIV round trip on the card in the reader, the printer's status and a test page, serial
 * ports, free disk space, the clock, each ledger endpoint's {@code /health}, the trust policy.
 * Every method blocks (call it on the station's worker) and answers a {@link Check}; none throws
 * for what it finds.
 */
public final class Diagnostics {
  /** Below this much free space in the state or ballot-box folder the disk check fails. */
  public static final long DEFAULT_MIN_FREE_BYTES = 512L * 1024 * 1024;

  static final Duration CARD_PATIENCE = Duration.ofSeconds(10);
  static final Duration LEDGER_TIMEOUT = Duration.ofSeconds(3);

  /** A clock before this year has lost its setting (no RTC battery, no time source). */
  static final int EARLIEST_YEAR = 2024;

  private final Station station;
  private final Words words;
  private final Clock clock;
  private final long minFreeBytes;

  public Diagnostics(Station station, String language, Clock clock, long minFreeBytes) {
    this.station = station;
    this.words = new Words(language);
    this.clock = clock;
    this.minFreeBytes = minFreeBytes;
  }

  private StationConfig config() {
    return station.context().config();
  }

  /** Every check that needs no one at the station, in the order of the screen and the report. */
  public List<Check> runAll() {
    List<Check> out = new ArrayList<>();
    out.add(cardReaders());
    out.add(cardRoundTrip());
    out.add(printer());
    out.add(serialPorts());
    out.add(disk());
    out.add(clock());
    out.add(ledger());
    out.add(trustPolicy());
    return out;
  }

  /** The readers attached now; fails when there is none, or not the configured one. */
  public Check cardReaders() {
    String name = words.t("check.readers");
    List<String> readers = station.cardReader().readers();
    if (readers.isEmpty()) {
      return new Check("card-readers", name, false, words.t("check.readers.none"));
    }
    String list = String.join(", ", readers);
    if (config().cardReader() instanceof CardReaderChoice.Pcsc(var wanted)
        && !readers.contains(wanted)) {
      return new Check(
          "card-readers", name, false, words.t("check.readers.notConfigured", wanted, list));
    }
    return new Check("card-readers", name, true, words.t("check.readers.found", list));
  }

  /** The reader the station reads operators' cards in. */
  Optional<String> stationReader() {
    List<String> readers = station.cardReader().readers();
    if (config().cardReader() instanceof CardReaderChoice.Pcsc(var wanted)) {
      return readers.contains(wanted) ? Optional.of(wanted) : Optional.empty();
    }
    return readers.stream().findFirst();
  }

  /**
   * SELECT PIV on the card in the station's reader, timed from the command to its answer. Fails
   * with "insert a card" when the reader is empty.
   */
  public Check cardRoundTrip() {
    String name = words.t("check.apdu");
    Optional<String> reader = stationReader();
    if (reader.isEmpty()) {
      return new Check("card-apdu", name, false, words.t("check.readers.none"));
    }
    try {
      long[] nanos = new long[1];
      ResponseApdu r =
          station
              .cardReader()
              .withCard(
                  reader.get(),
                  ch -> {
                    long t0 = System.nanoTime();
                    ResponseApdu answer =
                        ch.transmit(
                            new CommandApdu(
                                0x00,
                                PivApplication.INS_SELECT,
                                0x04,
                                0x00,
                                PivApplication.AID_SELECT,
                                256));
                    nanos[0] = System.nanoTime() - t0;
                    return answer;
                  },
                  CARD_PATIENCE);
      String ms = String.format(java.util.Locale.ROOT, "%.1f", nanos[0] / 1e6);
      String sw = String.format("%04X", r.sw());
      return r.isSuccess()
          ? new Check("card-apdu", name, true, words.t("check.apdu.ok", reader.get(), sw, ms))
          : new Check("card-apdu", name, false, words.t("check.apdu.refused", reader.get(), sw));
    } catch (CardIoException e) {
      String why =
          switch (e.fault()) {
            case NO_CARD, CARD_REMOVED -> words.t("check.apdu.insert", reader.get());
            default -> words.t("check.apdu.failed", reader.get(), e.fault().name());
          };
      return new Check("card-apdu", name, false, why);
    }
  }

  /** The printer's status now. */
  public Check printer() {
    String name = words.t("check.printer");
    PrinterStatus s = station.printer().status();
    String model = station.printer().profile().model();
    if (s.isReady()) {
      String warn =
          s.faults().isEmpty()
              ? ""
              : " " + s.faults().stream().map(words::fault).collect(Collectors.joining("; "));
      return new Check("printer", name, true, words.t("check.printer.ready", model) + warn);
    }
    return new Check(
        "printer",
        name,
        false,
        words.t("check.printer.fault", model, words.fault(s.blockingFault().orElseThrow())));
  }

  /** Prints the test page: every text size, a ruler, sample lines in each language, a QR code. */
  public Check testPage() {
    String name = words.t("check.testPage");
    PrintResult r =
        station
            .printer()
            .print(
                PaperLayouts.testPage(
                    new TestPageContent(
                        words.t("testPage.title", config().stationId()),
                        List.of(
                            "Русский: Съешь же ещё этих мягких французских булок.",
                            "English: The quick brown fox jumps over the lazy dog.",
                            "Татарча: Әлифба, җөмлә, үрнәк, өмет, һава."),
                        testPageQr())));
    return switch (r) {
      case PrintResult.Printed p ->
          new Check("test-page", name, true, words.t("check.testPage.ok", p.bytesSent()));
      case PrintResult.NotStarted n -> new Check("test-page", name, false, words.fault(n.fault()));
      case PrintResult.Interrupted i -> new Check("test-page", name, false, words.fault(i.fault()));
    };
  }

  /** What the test page's QR code says: the station and that it is a test. */
  String testPageQr() {
    return "urna-test-page " + config().stationId();
  }

  /**
   * The serial ports the system has ({@code /dev/ttyS*}, {@code /dev/ttyUSB*}, {@code /dev/ttyACM*}
   * and what jSerialComm lists), and whether the configured printer port is there.
   */
  public Check serialPorts() {
    String name = words.t("check.serial");
    TreeSet<String> ports = new TreeSet<>(systemPorts(Path.of("/dev")));
    try {
      for (SerialPort p : SerialPort.getCommPorts()) {
        ports.add(p.getSystemPortPath());
      }
    } catch (RuntimeException | LinkageError e) {
      // jSerialComm's native part may be missing; the /dev listing still stands
    }
    String list = ports.isEmpty() ? words.t("check.serial.none") : String.join(", ", ports);
    if (config().printer() instanceof PrinterChoice.EscPos(var port, var baud, var profile)) {
      boolean there = Files.exists(Path.of(port));
      return new Check(
          "serial-ports",
          name,
          there,
          words.t(there ? "check.serial.printerThere" : "check.serial.printerMissing", port, baud)
              + " "
              + list);
    }
    return new Check("serial-ports", name, true, words.t("check.serial.emulator") + " " + list);
  }

  static List<String> systemPorts(Path dev) {
    try (Stream<Path> s = Files.list(dev)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("tty(S|USB|ACM)[0-9]+"))
          .map(n -> dev.resolve(n).toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Free space for the state folder and the ballot box's folder. */
  public Check disk() {
    String name = words.t("check.disk");
    List<String> parts = new ArrayList<>();
    boolean ok = true;
    for (Path folder : List.of(config().stateFolder(), config().ballotBoxFolder())) {
      Path at = folder;
      while (at != null && !Files.exists(at)) {
        at = at.getParent();
      }
      try {
        FileStore store = Files.getFileStore(at == null ? Path.of("/") : at);
        long free = store.getUsableSpace();
        boolean enough = free >= minFreeBytes;
        ok &= enough;
        parts.add(
            words.t(
                enough ? "check.disk.free" : "check.disk.low",
                folder.toString(),
                mib(free),
                mib(minFreeBytes)));
      } catch (IOException e) {
        ok = false;
        parts.add(words.t("check.disk.unreadable", folder.toString(), e.getMessage()));
      }
    }
    return new Check("disk", name, ok, String.join("; ", parts));
  }

  private static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }

  /** The time and zone; fails for a clock before 2024 or outside the loaded election's days. */
  public Check clock() {
    String name = words.t("check.clock");
    Instant now = clock.instant();
    ZonedDateTime local = now.atZone(clock.getZone());
    String shown =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(local)
            + " "
            + clock.getZone().getId();
    if (local.getYear() < EARLIEST_YEAR) {
      return new Check("clock", name, false, words.t("check.clock.tooEarly", shown));
    }
    var box = station.ballotBox();
    if (box.isPresent()) {
      VotingWindow w = box.get().manifest().votingWindow();
      if (now.isBefore(w.opens().minus(Duration.ofDays(2)))
          || now.isAfter(w.closes().plus(Duration.ofDays(30)))) {
        return new Check(
            "clock",
            name,
            false,
            words.t(
                "check.clock.outsideWindow", shown, w.opens().toString(), w.closes().toString()));
      }
    }
    return new Check("clock", name, true, shown);
  }

  /** GET {@code /health} of each configured validator, each with its time. */
  public Check ledger() {
    String name = words.t("check.ledger");
    HttpClient http = HttpClient.newBuilder().connectTimeout(LEDGER_TIMEOUT).build();
    List<String> parts = new ArrayList<>();
    int reached = 0;
    for (URI endpoint : config().ledgerEndpoints()) {
      long t0 = System.nanoTime();
      String result;
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(endpoint.resolve("/health"))
                    .timeout(LEDGER_TIMEOUT)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (r.statusCode() == 200) {
          reached++;
          result = words.t("check.ledger.ok", endpoint.toString(), ms);
        } else {
          result = words.t("check.ledger.status", endpoint.toString(), r.statusCode(), ms);
        }
      } catch (IOException e) {
        result = words.t("check.ledger.unreachable", endpoint.toString(), reason(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        result = words.t("check.ledger.unreachable", endpoint.toString(), "interrupted");
      }
      parts.add(result);
    }
    http.close();
    return new Check(
        "ledger", name, reached == config().ledgerEndpoints().size(), String.join("; ", parts));
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
  }

  /** The trust policy file: it parses, how many keys it names, its quorum. */
  public Check trustPolicy() {
    String name = words.t("check.policy");
    Path file = config().trustPolicyFile();
    try {
      byte[] bytes = Files.readAllBytes(file);
      TrustPolicy.parse(bytes);
      long logs = 0;
      long witnesses = 0;
      String quorum = "";
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.strip().split("[ \t]+");
        switch (f[0]) {
          case "log" -> logs++;
          case "witness" -> witnesses++;
          case "quorum" -> quorum = f.length > 1 ? f[1] : "";
          default -> {}
        }
      }
      return new Check(
          "trust-policy",
          name,
          true,
          words.t("check.policy.ok", file.toString(), logs + witnesses, logs, witnesses, quorum));
    } catch (IOException | RuntimeException e) {
      return new Check(
          "trust-policy",
          name,
          false,
          words.t("check.policy.bad", file.toString(), e.getMessage()));
    }
  }
}
