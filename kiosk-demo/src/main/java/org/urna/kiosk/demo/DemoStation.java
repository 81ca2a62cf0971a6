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
 * What an election office would hand a station, made fresh for one run of the demo in one temporary
 * folder (docs/decisions/0346): a demo election authority and the sample election's package signed
 * by it (a random seed, so its keys are new each run and nothing is built into the code), the
 * package on a folder standing for the USB stick, the station's key installed in its state folder,
 * operator cards minted by {@code urna mint-cards} with the demo PINs, the in-process validator's
 * trust policy, and the station's configuration file: simulated card reader, printer emulator, the
 * ledger's endpoint. The station then starts from that file like any other.
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
   * Writes everything into a new temporary folder. The in-process ledger is prepared (keys,
   * policy), not started: {@link DemoLedger#start} it; with {@code remoteLedger} the station syncs
   * to those validators, trusted as {@code remotePolicy} says, and no ledger runs here.
   *
   * @param lookupUrl the ledger's public page for the receipts (null: the ledger's own)
   */
  static DemoStation create(
      Instant now, List<URI> remoteLedger, Path remotePolicy, String lookupUrl) throws IOException {
    Path folder = Files.createTempDirectory(FOLDER_PREFIX);
    Path usb = Files.createDirectories(folder.resolve("usb"));
    Path state = folder.resolve("state");

    // The election authority and the signed package: the sample election with a fresh seed.
    byte[] seed = new byte[16];
    new SecureRandom().nextBytes(seed);
    Instant opens = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    SampleElection sample =
        SampleElection.create(
            "demo-" + HexFormat.of().formatHex(seed),
            new VotingWindow(opens, opens.plus(Duration.ofHours(14))));
    int httpPort = remoteLedger.isEmpty() ? DemoLedger.reservePort() : -1;
    String page =
        lookupUrl != null
            ? lookupUrl
            : remoteLedger.isEmpty()
                ? "http://127.0.0.1:" + httpPort + "/"
                : remoteLedger.getFirst().toString();
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
            page);
    ElectionPackage pkg = ElectionPackage.sign(manifest, sample.electionKey(), sample.authority());
    Files.write(usb.resolve(PackageCheck.FILE_NAME), pkg.toJson());
    StationKeys.install(state, sample.stationKey(STATION));

    // Operator cards, as `urna mint-cards` makes them.
    Path cards = folder.resolve("cards");
    StringWriter said = new StringWriter();
    CommandLine mint = new CommandLine(new MintCardsCommand());
    mint.setOut(new PrintWriter(said));
    mint.setErr(new PrintWriter(said));
    int minted =
        mint.execute(
            "--out",
            cards.toString(),
            "--days",
            "2",
            "--poll-worker-pin",
            POLL_WORKER_PIN,
            "--technician-pin",
            TECHNICIAN_PIN,
            "--election-manager-pin",
            ELECTION_MANAGER_PIN);
    if (minted != 0) {
      throw new IOException("the demo's cards could not be minted: " + said);
    }
    Path cardAuthority = folder.resolve("cards-ca.der");
    Files.write(
        cardAuthority, PemFiles.readCertificate(cards.resolve("authority/authority-ca.pem")));

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
              httpPort);
      Files.write(policy, ledger.policy());
      endpoints = List.of(URI.create(ledger.endpoint()));
    } else {
      Files.copy(remotePolicy, policy);
      endpoints = remoteLedger;
    }

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
            sample.trustAnchor().sha256Hex(),
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
        card(cards.resolve("cards/poll-worker.card")),
        card(cards.resolve("cards/technician.card")),
        card(cards.resolve("cards/election-manager.card")),
        ledger);
  }

  private static VirtualPivCard card(Path file) throws IOException {
    CardStateFile f = new CardStateFile(file);
    try {
      return new VirtualPivCard(f.load(), CardStateStore.file(f));
    } catch (org.urna.hardware.card.CardDataException e) {
      throw new IOException(e.getMessage(), e);
    }
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
