package org.urna.kiosk.config;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.kiosk.config.StationConfig.CardReaderChoice;
import org.urna.kiosk.config.StationConfig.PrinterChoice;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.station.operator.InactivityTimeout;
import org.urna.tlog.TrustPolicy;

/**
 * A station's configuration file: UTF-8 {@code key = value} lines ({@link Properties} syntax).
 * {@link #read} checks every setting and reports each problem with its key; {@link #save} writes
 * atomically (a temporary file in the same folder, flushed to disk, renamed over the old one, the
 * folder flushed), so a power cut leaves the old file or the new one, never half of one.
 *
 * <pre>
 * station.id = station-12
 * card.reader = pcsc                      # pcsc | simulated
 * card.reader.name = ACS ACR39U ICC Reader 00 00
 * printer = escpos                        # escpos | emulator
 * printer.port = /dev/ttyUSB0
 * printer.baud = 19200
 * printer.profile = epson-tm-t20
 * ballot-box.folder = /var/lib/urna/ballot-box
 * ledger.endpoints = https://v1.example.org, https://v2.example.org
 * ledger.trust-policy = ledger.policy    # relative paths: beside this file
 * language.default = ru
 * operator.inactivity-minutes = 15       # 10 to 30 (VVSG 2.0)
 * station.state-folder = /var/lib/urna/station
 * election.package-folders = /media/urna, /var/lib/urna/incoming
 * election.trust-anchor = 3f1c...e9      # SHA-256 of the authority's root certificate, 64 hex
 * cards.authority-certificate = cards-ca.der
 * cards.revoked-serials = 1a2b, 3c4d     # optional
 * </pre>
 */
public final class StationConfigFile {
  public static final String STATION_ID = "station.id";
  public static final String CARD_READER = "card.reader";
  public static final String CARD_READER_NAME = "card.reader.name";
  public static final String PRINTER = "printer";
  public static final String PRINTER_PORT = "printer.port";
  public static final String PRINTER_BAUD = "printer.baud";
  public static final String PRINTER_PROFILE = "printer.profile";
  public static final String BALLOT_BOX_FOLDER = "ballot-box.folder";
  public static final String LEDGER_ENDPOINTS = "ledger.endpoints";
  public static final String LEDGER_TRUST_POLICY = "ledger.trust-policy";
  public static final String DEFAULT_LANGUAGE = "language.default";
  public static final String INACTIVITY_MINUTES = "operator.inactivity-minutes";
  public static final String STATE_FOLDER = "station.state-folder";
  public static final String PACKAGE_FOLDERS = "election.package-folders";
  public static final String TRUST_ANCHOR = "election.trust-anchor";
  public static final String CARD_AUTHORITY = "cards.authority-certificate";
  public static final String REVOKED_CARDS = "cards.revoked-serials";

  /** Every key, in the order {@link #format} writes them. */
  public static final List<String> KEYS =
      List.of(
          STATION_ID,
          CARD_READER,
          CARD_READER_NAME,
          PRINTER,
          PRINTER_PORT,
          PRINTER_BAUD,
          PRINTER_PROFILE,
          BALLOT_BOX_FOLDER,
          LEDGER_ENDPOINTS,
          LEDGER_TRUST_POLICY,
          DEFAULT_LANGUAGE,
          INACTIVITY_MINUTES,
          STATE_FOLDER,
          PACKAGE_FOLDERS,
          TRUST_ANCHOR,
          CARD_AUTHORITY,
          REVOKED_CARDS);

  /** The serial speeds ESC/POS receipt printers are set to. */
  public static final List<Integer> BAUD_RATES = List.of(9600, 19200, 38400, 57600, 115200);

  /** A station id as the election package writes it. */
  private static final Pattern STATION = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private static final int MAX_BYTES = 64 * 1024;

  private StationConfigFile() {}

  /** Reads and checks {@code file}; relative paths in it are taken from the file's folder. */
  public static StationConfig read(Path file) throws StationConfigException, IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length > MAX_BYTES) {
      throw new StationConfigException(
          file.toString(), List.of(new ConfigProblem("file", "is larger than 64 KiB")));
    }
    Path base = file.toAbsolutePath().getParent();
    return parse(file.toString(), new String(bytes, StandardCharsets.UTF_8), base);
  }

  /** Checks a configuration's text; {@code base} is where relative paths start. */
  public static StationConfig parse(String where, String text, Path base)
      throws StationConfigException {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new StationConfigException(
          where, List.of(new ConfigProblem("file", "cannot be read: " + e.getMessage())));
    }
    return new Checker(p, base).check(where);
  }

  /** The text {@link #parse} reads back as {@code config} (absolute paths). */
  public static String format(StationConfig c) {
    StringBuilder s = new StringBuilder("# Urna station configuration\n");
    line(s, STATION_ID, c.stationId());
    switch (c.cardReader()) {
      case CardReaderChoice.Pcsc(var name) -> {
        line(s, CARD_READER, "pcsc");
        line(s, CARD_READER_NAME, name);
      }
      case CardReaderChoice.Simulated() -> line(s, CARD_READER, "simulated");
    }
    switch (c.printer()) {
      case PrinterChoice.EscPos(var port, var baud, var profile) -> {
        line(s, PRINTER, "escpos");
        line(s, PRINTER_PORT, port);
        line(s, PRINTER_BAUD, Integer.toString(baud));
        line(s, PRINTER_PROFILE, profile.model());
      }
      case PrinterChoice.Emulator(var profile) -> {
        line(s, PRINTER, "emulator");
        line(s, PRINTER_PROFILE, profile.model());
      }
    }
    line(s, BALLOT_BOX_FOLDER, c.ballotBoxFolder().toAbsolutePath().toString());
    line(
        s,
        LEDGER_ENDPOINTS,
        c.ledgerEndpoints().stream().map(URI::toString).collect(Collectors.joining(", ")));
    line(s, LEDGER_TRUST_POLICY, c.trustPolicyFile().toAbsolutePath().toString());
    line(s, DEFAULT_LANGUAGE, c.defaultLanguage());
    line(s, INACTIVITY_MINUTES, Long.toString(c.inactivityTimeout().value().toMinutes()));
    line(s, STATE_FOLDER, c.stateFolder().toAbsolutePath().toString());
    line(
        s,
        PACKAGE_FOLDERS,
        c.packageFolders().stream()
            .map(f -> f.toAbsolutePath().toString())
            .collect(Collectors.joining(", ")));
    line(s, TRUST_ANCHOR, c.packageTrustAnchor());
    line(s, CARD_AUTHORITY, c.cardAuthorityCertificate().toAbsolutePath().toString());
    if (!c.revokedCardSerials().isEmpty()) {
      line(s, REVOKED_CARDS, String.join(", ", new java.util.TreeSet<>(c.revokedCardSerials())));
    }
    return s.toString();
  }

  /**
   * Writes {@code config} to {@code file} atomically: a temporary file beside it, flushed, renamed
   * over {@code file}, then the folder flushed. The text is checked to read back first, so a save
   * never leaves a file the station cannot start from.
   */
  public static void save(Path file, StationConfig config)
      throws IOException, StationConfigException {
    String text = format(config);
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    parse(target.toString(), text, dir);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + target + " atomically: " + e.getMessage(), e);
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true); // the rename itself survives a power cut
      } catch (IOException e) {
        // some file systems do not flush folders; the file's own data is already on disk
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void line(StringBuilder s, String key, String value) {
    s.append(key).append(" = ").append(escape(value)).append('\n');
  }

  private static String escape(String v) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        case '#', '!', '=', ':' -> s.append('\\').append(c);
        case ' ' -> s.append(i == 0 ? "\\ " : " ");
        default -> s.append(c);
      }
    }
    return s.toString();
  }

  /** Checks each setting, collecting every problem. */
  private static final class Checker {
    private final Properties p;
    private final Path base;
    private final List<ConfigProblem> problems = new ArrayList<>();

    Checker(Properties p, Path base) {
      this.p = p;
      this.base = base;
    }

    StationConfig check(String where) throws StationConfigException {
      for (String key : p.stringPropertyNames()) {
        if (!KEYS.contains(key)) {
          problem(key, "is not a setting (the settings are: " + String.join(", ", KEYS) + ")");
        }
      }
      String station = stationId();
      CardReaderChoice reader = cardReader();
      PrinterChoice printer = printer();
      Path box = ballotBox();
      List<URI> endpoints = endpoints();
      Path policy = trustPolicy();
      String language = language();
      InactivityTimeout timeout = timeout();
      Path state = writableFolder(STATE_FOLDER, "the station's own files");
      List<Path> packages = packageFolders();
      String anchor = trustAnchor();
      Path cardCa = cardAuthority();
      Set<String> revoked = revokedSerials();
      if (!problems.isEmpty()) {
        throw new StationConfigException(where, problems);
      }
      return new StationConfig(
          station, reader, printer, box, endpoints, policy, language, timeout, state, packages,
          anchor, cardCa, revoked);
    }

    private List<Path> packageFolders() {
      String v =
          required(
              PACKAGE_FOLDERS,
              "where election packages are looked for: folders or removable drives' mount points,"
                  + " separated by commas");
      if (v == null) {
        return null;
      }
      List<Path> out = new ArrayList<>();
      for (String part : v.split(",", -1)) {
        String s = part.strip();
        if (s.isEmpty()) {
          problem(PACKAGE_FOLDERS, "an empty folder (two commas, or one at an end)");
          return null;
        }
        try {
          Path f = Path.of(s);
          f = (f.isAbsolute() || base == null ? f : base.resolve(f)).normalize();
          if (out.contains(f)) {
            problem(PACKAGE_FOLDERS, "'" + s + "' is listed twice");
            return null;
          }
          out.add(f); // a drive not plugged in yet is fine: the poll worker is told where to look
        } catch (InvalidPathException e) {
          problem(PACKAGE_FOLDERS, "'" + s + "' is not a path: " + e.getReason());
          return null;
        }
      }
      return out;
    }

    private String trustAnchor() {
      String v = required(TRUST_ANCHOR, "the SHA-256 of the election authority's root certificate");
      if (v == null) {
        return null;
      }
      String hex = v.replace(":", "").toLowerCase(java.util.Locale.ROOT);
      if (!hex.matches("[0-9a-f]{64}")) {
        problem(TRUST_ANCHOR, "'" + shorten(v) + "' is not a SHA-256: 64 hex digits");
        return null;
      }
      return hex;
    }

    private Path cardAuthority() {
      Path file =
          path(CARD_AUTHORITY, "the DER certificate of the authority issuing operator cards");
      if (file == null) {
        return null;
      }
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        problem(CARD_AUTHORITY, file + " is not a readable file");
        return null;
      }
      try {
        org.urna.hardware.card.role.TrustPolicy.of(
            Files.readAllBytes(file),
            Set.of(),
            java.util.EnumSet.allOf(org.urna.core.role.Role.class).stream()
                .filter(org.urna.core.role.Role::onCards)
                .collect(java.util.stream.Collectors.toSet()),
            java.util.Optional.empty());
      } catch (IOException | RuntimeException e) {
        problem(CARD_AUTHORITY, file + " is not a card authority's certificate: " + e.getMessage());
        return null;
      }
      return file;
    }

    private Set<String> revokedSerials() {
      String v = value(REVOKED_CARDS);
      Set<String> out = new java.util.TreeSet<>();
      if (v == null) {
        return out;
      }
      for (String part : v.split(",", -1)) {
        String s = part.strip().toLowerCase(java.util.Locale.ROOT);
        if (!s.matches("[0-9a-f]{1,40}")) {
          problem(
              REVOKED_CARDS, "'" + shorten(part.strip()) + "' is not a serial: 1 to 40 hex digits");
          return null;
        }
        out.add(s);
      }
      return out;
    }

    private static String shorten(String v) {
      return v.length() <= 40 ? v : v.substring(0, 37) + "...";
    }

    private Path writableFolder(String key, String what) {
      Path dir = path(key, what);
      if (dir == null) {
        return null;
      }
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir)) {
          problem(key, dir + " is a file, not a folder");
          return null;
        }
        if (!Files.isWritable(dir)) {
          problem(key, dir + " cannot be written by the station");
          return null;
        }
      } else if (dir.getParent() == null || !Files.isDirectory(dir.getParent())) {
        problem(key, dir + " cannot be made: its parent folder does not exist");
        return null;
      }
      return dir;
    }

    private String stationId() {
      String v = required(STATION_ID, "the station's id from the election package");
      if (v != null && !STATION.matcher(v).matches()) {
        problem(
            STATION_ID,
            "'"
                + v
                + "' is not a station id: 1 to 64 of a-z, 0-9, '.', '_', '-', starting with a"
                + " letter or digit");
        return null;
      }
      return v;
    }

    private CardReaderChoice cardReader() {
      String v = required(CARD_READER, "pcsc or simulated");
      if (v == null) {
        return null;
      }
      return switch (v) {
        case "pcsc" -> {
          String name = required(CARD_READER_NAME, "the PC/SC reader's name (pcsc_scan shows it)");
          yield name == null ? null : new CardReaderChoice.Pcsc(name);
        }
        case "simulated" -> {
          if (value(CARD_READER_NAME) != null) {
            problem(CARD_READER_NAME, "is only for card.reader = pcsc");
          }
          yield new CardReaderChoice.Simulated();
        }
        default -> {
          problem(CARD_READER, "'" + v + "' is not a card reader: pcsc or simulated");
          yield null;
        }
      };
    }

    private PrinterChoice printer() {
      String v = required(PRINTER, "escpos or emulator");
      if (v == null) {
        return null;
      }
      return switch (v) {
        case "escpos" -> {
          String port = required(PRINTER_PORT, "the printer's serial port, e.g. /dev/ttyUSB0");
          if (port != null && port.chars().anyMatch(Character::isWhitespace)) {
            problem(PRINTER_PORT, "'" + port + "' is not a serial port name (it has a space)");
            port = null;
          }
          Integer baud = baud();
          PrinterProfile profile = profile(true);
          yield port == null || baud == null || profile == null
              ? null
              : new PrinterChoice.EscPos(port, baud, profile);
        }
        case "emulator" -> {
          for (String k : List.of(PRINTER_PORT, PRINTER_BAUD)) {
            if (value(k) != null) {
              problem(k, "is only for printer = escpos");
            }
          }
          PrinterProfile profile = profile(false);
          yield profile == null ? null : new PrinterChoice.Emulator(profile);
        }
        default -> {
          problem(PRINTER, "'" + v + "' is not a printer: escpos or emulator");
          yield null;
        }
      };
    }

    private Integer baud() {
      String v = required(PRINTER_BAUD, "the serial speed, one of " + BAUD_RATES);
      if (v == null) {
        return null;
      }
      try {
        int b = Integer.parseInt(v);
        if (BAUD_RATES.contains(b)) {
          return b;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(PRINTER_BAUD, "'" + v + "' is not a serial speed: one of " + BAUD_RATES);
      return null;
    }

    private PrinterProfile profile(boolean required) {
      String models =
          PrinterProfile.known().stream()
              .map(PrinterProfile::model)
              .collect(Collectors.joining(", "));
      String v =
          required
              ? required(PRINTER_PROFILE, "the printer model, one of " + models)
              : value(PRINTER_PROFILE);
      if (v == null) {
        return required ? null : PrinterProfile.EPSON_TM_T20;
      }
      var profile = PrinterProfile.byModel(v);
      if (profile.isEmpty()) {
        problem(PRINTER_PROFILE, "'" + v + "' is not a known printer model: one of " + models);
        return null;
      }
      return profile.get();
    }

    private Path ballotBox() {
      return writableFolder(BALLOT_BOX_FOLDER, "the ballot box's folder");
    }

    private List<URI> endpoints() {
      String v = required(LEDGER_ENDPOINTS, "the validators' addresses, separated by commas");
      if (v == null) {
        return null;
      }
      Set<URI> out = new LinkedHashSet<>();
      boolean bad = false;
      for (String part : v.split(",", -1)) {
        String s = part.strip();
        String wrong = null;
        URI u = null;
        if (s.isEmpty()) {
          wrong = "an empty address (two commas, or one at an end)";
        } else {
          try {
            u = new URI(s);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
              wrong = "'" + s + "' is not an http:// or https:// address";
            } else if (u.getHost() == null) {
              wrong = "'" + s + "' has no host";
            } else if (u.getUserInfo() != null || u.getQuery() != null || u.getFragment() != null) {
              wrong = "'" + s + "' must be a plain address (no user, query or #)";
            } else if (!out.add(u)) {
              wrong = "'" + s + "' is listed twice";
            }
          } catch (URISyntaxException e) {
            wrong = "'" + s + "' is not an address: " + e.getReason();
          }
        }
        if (wrong != null) {
          problem(LEDGER_ENDPOINTS, wrong);
          bad = true;
        }
      }
      return bad ? null : List.copyOf(out);
    }

    private Path trustPolicy() {
      Path file = path(LEDGER_TRUST_POLICY, "the ledger's tlog-policy file");
      if (file == null) {
        return null;
      }
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        problem(LEDGER_TRUST_POLICY, file + " is not a readable file");
        return null;
      }
      try {
        TrustPolicy.parse(Files.readAllBytes(file));
      } catch (IOException | RuntimeException e) {
        problem(LEDGER_TRUST_POLICY, file + " is not a tlog-policy: " + e.getMessage());
        return null;
      }
      return file;
    }

    private String language() {
      String v = required(DEFAULT_LANGUAGE, "one of " + Messages.SHIPPED);
      if (v != null && !Messages.SHIPPED.contains(v)) {
        problem(
            DEFAULT_LANGUAGE,
            "'" + v + "' is not a language the kiosk has words for: one of " + Messages.SHIPPED);
        return null;
      }
      return v;
    }

    private InactivityTimeout timeout() {
      String v = value(INACTIVITY_MINUTES);
      if (v == null) {
        return InactivityTimeout.DEFAULT;
      }
      long minutes;
      try {
        minutes = Long.parseLong(v);
      } catch (NumberFormatException e) {
        problem(INACTIVITY_MINUTES, "'" + v + "' is not a whole number of minutes (10 to 30)");
        return null;
      }
      Duration d = Duration.ofMinutes(minutes);
      if (d.compareTo(InactivityTimeout.MIN) < 0 || d.compareTo(InactivityTimeout.MAX) > 0) {
        problem(
            INACTIVITY_MINUTES,
            minutes + " minutes is outside 10 to 30 minutes (VVSG 2.0 session time-out)");
        return null;
      }
      return new InactivityTimeout(d);
    }

    private Path path(String key, String what) {
      String v = required(key, what);
      if (v == null) {
        return null;
      }
      try {
        Path p = Path.of(v);
        return (p.isAbsolute() || base == null ? p : base.resolve(p)).normalize();
      } catch (InvalidPathException e) {
        problem(key, "'" + v + "' is not a path: " + e.getReason());
        return null;
      }
    }

    private String required(String key, String what) {
      String v = value(key);
      if (v == null) {
        problem(key, "is missing (" + what + ")");
      }
      return v;
    }

    private String value(String key) {
      String v = p.getProperty(key);
      return v == null || v.isBlank() ? null : v.strip();
    }

    private void problem(String key, String message) {
      problems.add(new ConfigProblem(key, message));
    }
  }
}
