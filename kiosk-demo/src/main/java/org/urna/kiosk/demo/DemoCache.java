package org.urna.kiosk.demo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.TrustAnchor;
import org.urna.hardware.card.virtual.CardStateFile;
import org.urna.kiosk.polls.StationKeys;

/**
 * The demo's election office material, made once and kept in a per-user cache folder (decision
 * 0347): the signed sample package, its trust anchor, the station's key, the card authority and the
 * three operator cards, the port its lookup page names. A second start loads and checks them
 * (package signature and certificates, voting window, key, cards, port still free) instead of
 * making them again; anything missing, damaged, made by another version or out of date is made
 * again, with a line saying so. Per-run state (ballot box, station state, card PIN tries, ledger)
 * never lives here: the demo copies what it needs into its temporary folder.
 */
public final class DemoCache {
  /** The layout's version: a changed layout or demo version uses a new entry. */
  static final String LAYOUT = "v1";

  static final String PACKAGE = "election-package.json";
  static final String STATION_KEY = StationKeys.FILE;
  static final String CARD_AUTHORITY = "cards-ca.der";
  static final String TRUST_ANCHOR = "trust-anchor.sha256";
  static final String HTTP_PORT = "http-port";
  static final List<String> CARDS = List.of("poll-worker", "technician", "election-manager");

  /** A station started from the cache has at least this much of the voting window left. */
  static final Duration ENOUGH_WINDOW = Duration.ofHours(2);

  private DemoCache() {}

  /**
   * Makes the cache entry if it is missing or unusable, and says where it is; no window. {@code
   * kiosk-demo.sh} runs it before training the AOT cache, so the training starts as a second start
   * does (from the cache).
   */
  public static void main(String[] args) throws IOException {
    Path root = DemoStation.defaultCache();
    Instant now = Instant.now();
    Office office = load(root, now).orElse(null);
    if (office == null) {
      office = store(root, DemoStation.makeOffice(now, null, newEntry(root)));
    }
    System.out.println("The demo's election material: " + office.dir());
  }

  /** One set of material in {@code dir}, its package loaded. */
  record Office(Path dir, ElectionPackage electionPackage, String trustAnchor, int httpPort) {
    Path packageFile() {
      return dir.resolve(PACKAGE);
    }

    Path stationKeyFile() {
      return dir.resolve(STATION_KEY);
    }

    Path cardAuthority() {
      return dir.resolve(CARD_AUTHORITY);
    }

    Path card(String role) {
      return dir.resolve(role + ".card");
    }
  }

  /** The entry this version of the demo reads and writes. */
  static Path entry(Path root) {
    return root.resolve(LAYOUT + "-" + DemoOptions.VERSION.replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  /** A new folder beside the entry to make material in (moved into place by {@link #store}). */
  static Path newEntry(Path root) throws IOException {
    Files.createDirectories(root);
    return Files.createTempDirectory(root, "making-");
  }

  /**
   * The cached material, if present and valid at {@code now}; a damaged or outdated entry is
   * removed (with a line on standard error) and empty returned, so the caller makes it again.
   */
  static Optional<Office> load(Path root, Instant now) {
    Path dir = entry(root);
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try {
      return Optional.of(check(dir, now));
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "The demo's saved election material in "
              + dir
              + " cannot be used ("
              + e.getMessage()
              + "); making it again.");
      DemoStation.deleteTree(dir);
      return Optional.empty();
    }
  }

  private static Office check(Path dir, Instant now) throws IOException {
    String anchor = Files.readString(dir.resolve(TRUST_ANCHOR)).strip();
    ElectionPackage pkg;
    try {
      pkg =
          ElectionPackage.load(
              Files.readAllBytes(dir.resolve(PACKAGE)), TrustAnchor.fromHex(anchor), now);
    } catch (org.urna.core.election.ElectionPackageException e) {
      throw new IOException("election package: " + e.getMessage(), e);
    }
    var window = pkg.manifest().votingWindow();
    if (!window.contains(now) || !window.contains(now.plus(ENOUGH_WINDOW))) {
      throw new IOException("the sample election's voting window " + window + " is over");
    }
    if (StationKeys.load(dir).isEmpty()) {
      throw new IOException("the station's key is missing");
    }
    try (InputStream in = Files.newInputStream(dir.resolve(CARD_AUTHORITY))) {
      X509Certificate ca =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      ca.checkValidity(Date.from(now.plus(ENOUGH_WINDOW)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("card authority: " + e.getMessage(), e);
    }
    for (String role : CARDS) {
      try {
        new CardStateFile(dir.resolve(role + ".card")).load();
      } catch (org.urna.hardware.card.CardDataException e) {
        throw new IOException(role + " card: " + e.getMessage(), e);
      }
    }
    int port = Integer.parseInt(Files.readString(dir.resolve(HTTP_PORT)).strip());
    if (!free(port)) {
      throw new IOException("port " + port + " its lookup page names is in use");
    }
    return new Office(dir, pkg, anchor, port);
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Moves freshly made material into the entry (replacing an old one); if another demo stored one
   * first, theirs stays and this run uses its own copy.
   */
  static Office store(Path root, Office made) throws IOException {
    Path dir = entry(root);
    DemoStation.deleteTree(dir);
    try {
      Files.move(made.dir(), dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException
        | java.nio.file.FileAlreadyExistsException
        | java.nio.file.DirectoryNotEmptyException e) {
      return made;
    }
    return new Office(dir, made.electionPackage(), made.trustAnchor(), made.httpPort());
  }
}
