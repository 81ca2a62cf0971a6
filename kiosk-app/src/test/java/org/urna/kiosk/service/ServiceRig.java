package org.urna.kiosk.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.urna.ballotbox.BallotBox;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationConfigFile;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.demo.DemoElection;
import org.urna.tlog.KeyType;
import org.urna.tlog.NoteKey;

/**
 * A station's files in a temporary folder: its configuration file (settings beside it), the
 * ledger's trust policy, the card authority's certificate, the state and ballot-box folders and a
 * "usb" package folder standing for a removable drive.
 */
final class ServiceRig implements AutoCloseable {
  static final DemoElection ELECTION = new DemoElection();

  final Path dir;
  final Path configFile;
  final Path usb;
  final Map<String, String> settings = new LinkedHashMap<>();
  final ExecutorService worker = Executors.newSingleThreadExecutor();
  StationConfig config;
  RigStation station;

  ServiceRig() {
    try {
      dir = Files.createTempDirectory("service-rig");
      Files.writeString(dir.resolve("ledger.policy"), policy());
      Files.createDirectories(dir.resolve("box"));
      Files.createDirectories(dir.resolve("state"));
      usb = Files.createDirectories(dir.resolve("usb"));
      Files.write(
          dir.resolve("cards-ca.der"),
          org.urna.hardware.card.role.CertificateAuthority.create(
                  "Test card authority",
                  java.time.Instant.parse("2026-01-01T00:00:00Z"),
                  java.time.Instant.parse("2036-01-01T00:00:00Z"),
                  new SecureRandom())
              .certificateDer());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    configFile = dir.resolve("station.conf");
    settings.put("station.id", DemoElection.STATION);
    settings.put("card.reader", "simulated");
    settings.put("printer", "emulator");
    settings.put("ballot-box.folder", "box");
    settings.put("ledger.endpoints", "http://127.0.0.1:9");
    settings.put("ledger.trust-policy", "ledger.policy");
    settings.put("language.default", "ru");
    settings.put("operator.inactivity-minutes", "15");
    settings.put("station.state-folder", "state");
    settings.put("election.package-folders", "usb, " + dir.resolve("not-plugged-in"));
    settings.put("election.trust-anchor", "ab".repeat(32));
    settings.put("cards.authority-certificate", "cards-ca.der");
  }

  /** Writes the settings and reads them back as the station would. */
  StationConfig writeConfig() {
    try {
      Files.writeString(
          configFile,
          settings.entrySet().stream()
                  .map((Entry<String, String> e) -> e.getKey() + " = " + e.getValue())
                  .collect(Collectors.joining("\n"))
              + "\n");
      config = StationConfigFile.read(configFile);
      return config;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The station over these devices, with the demo election's ballot box when {@code withBox}. */
  RigStation start(CardReader reader, ReceiptPrinter printer, boolean withBox) {
    StationConfig c = config == null ? writeConfig() : config;
    BallotBox box =
        withBox
            ? BallotBox.open(
                c.ballotBoxFolder().resolve("box"),
                "service-test-box-password".toCharArray(),
                ELECTION.manifest,
                ELECTION.key,
                DemoElection.STATION,
                ELECTION.stationKey)
            : null;
    station = new RigStation(StationContext.of(c), reader, printer, box);
    return station;
  }

  /** Casts one blank referendum ballot into the box: a ballot the ledger has not confirmed. */
  void castOne() {
    BallotBox box = station.ballotBox().orElseThrow();
    var random = new SecureRandom();
    BallotId id = BallotId.random(random);
    NonceSeed seed = NonceSeed.random(random);
    PlaintextBallot p = new PlaintextBallot(DemoElection.REFERENDUM_STYLE, Map.of());
    EncryptedBallot enc =
        new BallotEncryptor(ELECTION.manifest, ELECTION.key)
            .encrypt(p, id, DemoElection.STATION, System.currentTimeMillis() / 3_600_000, seed);
    box.storePending(enc, seed);
    box.cast(id, ELECTION.stationKey);
  }

  @Override
  public void close() {
    worker.shutdownNow();
    if (station != null) {
      station.close();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String policy() throws Exception {
    return "log "
        + vkey("log.test", KeyType.ED25519)
        + "\nwitness v1 "
        + vkey("v1.test", KeyType.COSIGNATURE_V1)
        + "\nwitness v2 "
        + vkey("v2.test", KeyType.COSIGNATURE_V1)
        + "\ngroup two all v1 v2\nquorum two\n";
  }

  private static String vkey(String name, KeyType type) throws Exception {
    byte[] encoded =
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    return new NoteKey(name, type, raw).vkey();
  }
}
