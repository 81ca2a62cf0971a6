package org.urna.kiosk.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.SampleElection;
import org.urna.core.election.VotingWindow;
import org.urna.hardware.card.cli.MintCardsCommand;
import org.urna.hardware.card.role.PemFiles;
import org.urna.hardware.card.virtual.CardStateFile;
import org.urna.hardware.card.virtual.CardStateStore;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationConfig.CardReaderChoice;
import org.urna.kiosk.config.StationConfig.PrinterChoice;
import org.urna.kiosk.config.StationConfigFile;
import org.urna.kiosk.polls.PackageCheck;
import org.urna.kiosk.polls.StationKeys;
import org.urna.kiosk.station.operator.InactivityTimeout;
import picocli.CommandLine;

/**
 * What an election office would hand a station, set up for one run of the demo in one temporary
 * folder (docs/decisions/0346): a demo election authority and the sample election's package signed
 * by it (a random seed, so nothing is built into the code), the package on a folder standing for
 * the USB stick, the station's key installed in its state folder, operator cards minted by {@code
 * urna mint-cards} with the demo PINs, the in-process validator's trust policy, and the station's
 * configuration file: simulated card reader, printer emulator, the ledger's endpoint. The station
 * then starts from that file like any other. The office's part (package, key, cards) is made once
 * into a per-user cache and copied from there on later starts ({@link DemoCache}, decision 0347).
 */
final class DemoStation {
  /** The station this demo is, one of the sample election's. */
  static final String STATION = SampleElection.STATION_IDS.getFirst();

  /** The demo cards' PINs, shown on the demo's panel (a real PIN comes in a sealed letter). */
  static final String POLL_WORKER_PIN = "111111";

  static final String TECHNICIAN_PIN = "222222";
  static final String ELECTION_MANAGER_PIN = "333333";

  /** The temporary folder's name prefix (deleted when the demo ends). */
  static final String FOLDER_PREFIX = "urna-demo-station";

  final Path folder;
  final Path configFile;
  final StationConfig config;
  final ElectionPackage electionPackage;
  final VirtualPivCard pollWorker;
  final VirtualPivCard technician;
  final VirtualPivCard electionManager;
  final DemoLedger ledger;

  private DemoStation(
      Path folder,
      Path configFile,
      StationConfig config,
      ElectionPackage electionPackage,
      VirtualPivCard pollWorker,
      VirtualPivCard technician,
      VirtualPivCard electionManager,
      DemoLedger ledger) {
    this.folder = folder;
    this.configFile = configFile;
    this.config = config;
    this.electionPackage = electionPackage;
    this.pollWorker = pollWorker;
    this.technician = technician;
    this.electionManager = electionManager;
    this.ledger = ledger;
  }

  /**
   * Writes everything into a new temporary folder, with the election office's material (authority,
   * signed package, station key, cards) from the per-user cache {@link #defaultCache()} when it
   * holds a valid set (decision 0347). The in-process ledger is prepared (keys, policy), not
   * started: {@link DemoLedger#start} it; with {@code remoteLedger} the station syncs to those
   * validators, trusted as {@code remotePolicy} says, and no ledger runs here.
   *
   * @param lookupUrl the ledger's public page for the receipts (null: the ledger's own)
   */
  static DemoStation create(
      Instant now, List<URI> remoteLedger, Path remotePolicy, String lookupUrl) throws IOException {
    return create(now, remoteLedger, remotePolicy, lookupUrl, defaultCache());
  }

  /**
   * As {@link #create(Instant, List, Path, String)}, with the cache in {@code cacheRoot} (null: no
   * cache, everything made fresh). Only the default demo (its own ledger, its own lookup page) is
   * cached: the lookup page, signed into the package, names the in-process ledger's port.
   */
  static DemoStation create(
      Instant now, List<URI> remoteLedger, Path remotePolicy, String lookupUrl, Path cacheRoot)
      throws IOException {
    Path folder = Files.createTempDirectory(FOLDER_PREFIX);
    try {
      return create(folder, now, remoteLedger, remotePolicy, lookupUrl, cacheRoot);
    } catch (IOException | RuntimeException e) {
      deleteTree(folder);
      throw e;
    }
  }

  private static DemoStation create(
      Path folder,
      Instant now,
      List<URI> remoteLedger,
      Path remotePolicy,
      String lookupUrl,
      Path cacheRoot)
      throws IOException {
    Path usb = Files.createDirectories(folder.resolve("usb"));
    Path state = folder.resolve("state");
    Path cards = folder.resolve("cards");
    Path cardAuthority = folder.resolve("cards-ca.der");

    DemoCache.Office office;
    if (cacheRoot != null && remoteLedger.isEmpty() && lookupUrl == null) {
      office = DemoCache.load(cacheRoot, now).orElse(null);
      if (office == null) {
        office = DemoCache.store(cacheRoot, makeOffice(now, null, DemoCache.newEntry(cacheRoot)));
      }
    } else {
      office =
          makeOffice(
              now,
              lookupUrl != null
                  ? lookupUrl
                  : remoteLedger.isEmpty() ? null : remoteLedger.getFirst().toString(),
              folder.resolve("office"));
    }
    DemoMain.mark("office");
    // Per run: copies, so PIN tries and the station's state never reach the cache.
    Files.copy(office.packageFile(), usb.resolve(PackageCheck.FILE_NAME));
    Files.createDirectories(state);
    Files.copy(office.stationKeyFile(), state.resolve(StationKeys.FILE));
    Files.copy(office.cardAuthority(), cardAuthority);
    Files.createDirectories(cards);
    for (String role : DemoCache.CARDS) {
      Files.copy(office.card(role), cards.resolve(role + ".card"));
    }
    ElectionPackage pkg = office.electionPackage();
    ElectionManifest manifest = pkg.manifest();

    DemoMain.mark("copied");
    // The ledger and the trust policy the station is configured with.
    Path policy = folder.resolve("ledger.policy");
    DemoLedger ledger = null;
    List<URI> endpoints;
    if (remoteLedger.isEmpty()) {
      ledger =
          DemoLedger.prepare(
              folder.resolve("ledger"),
              manifest,
              new ElectionKey(pkg.electionKey(), pkg.extendedHash()),
              office.httpPort());
      Files.write(policy, ledger.policy());
      endpoints = List.of(URI.create(ledger.endpoint()));
    } else {
      Files.copy(remotePolicy, policy);
      endpoints = remoteLedger;
    }

    DemoMain.mark("ledgerPrepared");
    StationConfig written =
        new StationConfig(
            STATION,
            new CardReaderChoice.Simulated(),
            new PrinterChoice.Emulator(PrinterProfile.EPSON_TM_T20),
            folder.resolve("ballot-box"),
            endpoints,
            policy,
            "en",
            InactivityTimeout.DEFAULT,
            state,
            List.of(usb),
            office.trustAnchor(),
            cardAuthority,
            Set.of());
    Path configFile = folder.resolve("station.conf");
    Files.writeString(configFile, StationConfigFile.format(written));
    StationConfig config;
    try {
      // read back and checked as `urna-kiosk --config` reads it
      config = StationConfigFile.read(configFile);
    } catch (org.urna.kiosk.config.StationConfigException e) {
      throw new IOException("the demo's station configuration is refused: " + e.problems(), e);
    }
    return new DemoStation(
        folder,
        configFile,
        config,
        pkg,
        card(cards.resolve("poll-worker.card")),
        card(cards.resolve("technician.card")),
        card(cards.resolve("election-manager.card")),
        ledger);
  }

  /**
   * Makes the election office's material into {@code dir}: a demo election authority and the sample
   * election's package signed by it (a fresh seed), the station's key, operator cards as {@code
   * urna mint-cards} makes them. {@code page} is the receipts' lookup page (null: the in-process
   * ledger's, on a port reserved now).
   */
  static DemoCache.Office makeOffice(Instant now, String page, Path dir) throws IOException {
    byte[] seed = new byte[16];
    new SecureRandom().nextBytes(seed);
    Instant opens = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    SampleElection sample =
        SampleElection.create(
            "demo-" + HexFormat.of().formatHex(seed),
            new VotingWindow(opens, opens.plus(Duration.ofHours(14))));
    int httpPort = page == null ? DemoLedger.reservePort() : -1;
    String lookup = page != null ? page : "http://127.0.0.1:" + httpPort + "/";
    ElectionManifest m = sample.manifest();
    ElectionManifest manifest =
        new ElectionManifest(
            m.electionId(),
            m.title(),
            m.languages(),
            m.votingWindow(),
            m.contests(),
            m.ballotStyles(),
            m.stations(),
            lookup);
    ElectionPackage pkg = ElectionPackage.sign(manifest, sample.electionKey(), sample.authority());
    Files.createDirectories(dir);
    Files.write(dir.resolve(DemoCache.PACKAGE), pkg.toJson());
    StationKeys.install(dir, sample.stationKey(STATION));

    Path minted = dir.resolve("minted");
    StringWriter said = new StringWriter();
    CommandLine mint = new CommandLine(new MintCardsCommand());
    mint.setOut(new PrintWriter(said));
    mint.setErr(new PrintWriter(said));
    int code =
        mint.execute(
            "--out",
            minted.toString(),
            "--days",
            "2",
            "--poll-worker-pin",
            POLL_WORKER_PIN,
            "--technician-pin",
            TECHNICIAN_PIN,
            "--election-manager-pin",
            ELECTION_MANAGER_PIN);
    if (code != 0) {
      throw new IOException("the demo's cards could not be minted: " + said);
    }
    Files.write(
        dir.resolve(DemoCache.CARD_AUTHORITY),
        PemFiles.readCertificate(minted.resolve("authority/authority-ca.pem")));
    for (String role : DemoCache.CARDS) {
      Files.move(minted.resolve("cards/" + role + ".card"), dir.resolve(role + ".card"));
    }
    deleteTree(minted);
    Files.writeString(dir.resolve(DemoCache.TRUST_ANCHOR), sample.trustAnchor().sha256Hex() + "\n");
    Files.writeString(dir.resolve(DemoCache.HTTP_PORT), httpPort + "\n");
    return new DemoCache.Office(dir, pkg, sample.trustAnchor().sha256Hex(), httpPort);
  }

  private static VirtualPivCard card(Path file) throws IOException {
    CardStateFile f = new CardStateFile(file);
    try {
      return new VirtualPivCard(f.load(), CardStateStore.file(f));
    } catch (org.urna.hardware.card.CardDataException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * The per-user cache of the demo's election material: {@code -Durna.demo.cache=DIR}, else {@code
   * $XDG_CACHE_HOME/urna/demo}, else {@code ~/.cache/urna/demo}.
   */
  static Path defaultCache() {
    String set = System.getProperty("urna.demo.cache");
    if (set != null && !set.isBlank()) {
      return Path.of(set);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("urna").resolve("demo");
  }

  /** Deletes the folder (the ballot box, the ledger's files, the cards, the keys). */
  void delete() {
    deleteTree(folder);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // left behind; the OS cleans its temporary folder
                }
              });
    } catch (IOException | java.io.UncheckedIOException e) {
      // as above
    }
  }
}
