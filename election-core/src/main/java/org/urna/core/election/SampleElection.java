package org.urna.core.election;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;
import org.urna.core.crypto.SigningKey;

/**
 * The sample election of the demo, the CLI and the tests: a referendum worded like the 2020 vote on
 * constitutional amendments, a city council race (seven candidates, vote for up to two) and a 4 × 5
 * benchmark ballot, in Russian, English and Tatar; three stations. Every key derives from a seed,
 * so the same seed gives the same package byte for byte. Demo keys are public: never use them in a
 * real election.
 */
public final class SampleElection {
  public static final String DEFAULT_SEED = "urna-demo";

  /** 08:00 to 20:00 Moscow time on Sunday 19 September 2027. */
  public static final VotingWindow DEFAULT_WINDOW =
      new VotingWindow(
          Instant.parse("2027-09-19T05:00:00Z"), Instant.parse("2027-09-19T17:00:00Z"));

  /** Referendum and council race. */
  public static final String STYLE_DISTRICT = "district-7";

  /** Referendum only. */
  public static final String STYLE_REFERENDUM = "referendum-only";

  /** Four contests of five candidates. */
  public static final String STYLE_BENCHMARK = "benchmark-4x5";

  public static final List<String> STATION_IDS = List.of("uik-1701", "uik-1702", "uik-1703");

  /** The root certificate is valid from 2025 to 2045, the signing certificate 2026 to 2031. */
  static final Instant ROOT_FROM = Instant.parse("2025-01-01T00:00:00Z");

  static final Instant ROOT_UNTIL = Instant.parse("2045-01-01T00:00:00Z");
  static final Instant SIGNING_FROM = Instant.parse("2026-01-01T00:00:00Z");
  static final Instant SIGNING_UNTIL = Instant.parse("2031-01-01T00:00:00Z");

  private final String seed;
  private final ElectionManifest manifest;
  private final Scalar electionSecret;
  private final SigningKey rootKey;
  private final AuthorityCredentials authority;

  private SampleElection(String seed, VotingWindow window) {
    this.seed = seed;
    if (window.opens().isBefore(SIGNING_FROM) || window.closes().isAfter(SIGNING_UNTIL)) {
      throw new IllegalArgumentException(
          "the sample's voting window must lie between " + SIGNING_FROM + " and " + SIGNING_UNTIL);
    }
    this.electionSecret = Hash.tagged("sample-key").part(seed).part("election-secret").toScalar();
    this.rootKey = key("authority-root");
    SigningKey signingKey = key("authority-signing");
    byte[] root =
        AuthorityCertificates.issueRoot(
            rootKey, "Urna demo election authority root", ROOT_FROM, ROOT_UNTIL);
    byte[] certificate =
        AuthorityCertificates.issueSigning(
            rootKey,
            root,
            signingKey.publicKey(),
            "Urna demo election package signing",
            SIGNING_FROM,
            SIGNING_UNTIL);
    this.authority = new AuthorityCredentials(signingKey, certificate, root);
    List<Contest> contests = new ArrayList<>();
    contests.add(SampleContests.amendments());
    contests.add(SampleContests.council());
    contests.addAll(SampleContests.benchmark());
    List<Station> stations = new ArrayList<>();
    for (String id : STATION_IDS) {
      String n = id.substring(4);
      stations.add(
          new Station(
              id,
              SampleContests.t(
                  "УИК № " + n + ", школа № " + (Integer.parseInt(n) - 1689),
                  "Polling station " + n + ", School No. " + (Integer.parseInt(n) - 1689),
                  n
                      + " нче участок сайлау комиссиясе, "
                      + (Integer.parseInt(n) - 1689)
                      + " нче мәктәп"),
              stationKey(id).publicKey()));
    }
    this.manifest =
        new ElectionManifest(
            "sample-2027",
            SampleContests.electionTitle(),
            List.of("ru", "en", "tt"),
            window,
            contests,
            SampleContests.ballotStyles(),
            stations);
  }

  /** The sample with the default seed and window. */
  public static SampleElection create() {
    return create(DEFAULT_SEED, DEFAULT_WINDOW);
  }

  /** The sample for a seed and a voting window (inside 2026-01-01 .. 2031-01-01). */
  public static SampleElection create(String seed, VotingWindow window) {
    return new SampleElection(seed, window);
  }

  private SigningKey key(String label) {
    return SigningKey.fromSeed(Hash.tagged("sample-key").part(seed).part(label).digest());
  }

  public ElectionManifest manifest() {
    return manifest;
  }

  /** The demo election secret s (a real election has no single holder of it). */
  public Scalar electionSecret() {
    return electionSecret;
  }

  /** K = s·G. */
  public Point electionKey() {
    return Group.mulG(electionSecret).normalize();
  }

  public SigningKey authorityRootKey() {
    return rootKey;
  }

  public AuthorityCredentials authority() {
    return authority;
  }

  /** What a kiosk pins to trust this sample's packages. */
  public TrustAnchor trustAnchor() {
    return authority.trustAnchor();
  }

  /** The Ed25519 key of one of {@link #STATION_IDS}. */
  public SigningKey stationKey(String stationId) {
    return key("station/" + stationId);
  }

  /** The signed package. */
  public ElectionPackage electionPackage() {
    return ElectionPackage.sign(manifest, electionKey(), authority);
  }

  /**
   * Writes the signed package and the demo key files to {@code folder} (created if missing) and
   * returns the files by name: {@code election-package.json}, {@code trust-anchor.sha256}, {@code
   * demo-election-secret.hex}, {@code demo-authority-root-key.hex}, {@code
   * demo-authority-signing-key.hex}, {@code demo-station-<id>.hex}. Secrets are hex on one line.
   */
  public Map<String, Path> writeTo(Path folder) throws IOException {
    Files.createDirectories(folder);
    Map<String, Path> files = new LinkedHashMap<>();
    write(files, folder, "election-package.json", electionPackage().toJson());
    write(files, folder, "trust-anchor.sha256", line(trustAnchor().sha256Hex()));
    write(files, folder, "demo-election-secret.hex", line(electionSecret.toHex()));
    write(files, folder, "demo-authority-root-key.hex", line(hex(rootKey.seed())));
    write(
        files, folder, "demo-authority-signing-key.hex", line(hex(authority.signingKey().seed())));
    for (String id : STATION_IDS) {
      write(files, folder, "demo-station-" + id + ".hex", line(hex(stationKey(id).seed())));
    }
    return files;
  }

  private static void write(Map<String, Path> files, Path folder, String name, byte[] content)
      throws IOException {
    Path p = folder.resolve(name);
    Files.write(p, content);
    files.put(name, p);
  }

  private static byte[] line(String s) {
    return (s + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
