package org.urna.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.urna.ballotbox.BallotBox;
import org.urna.cli.Urna;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.EncryptedContest;
import org.urna.core.ballot.EncryptedSelection;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.TrustAnchor;
import org.urna.ledger.replication.ElectionRules;
import org.urna.tally.files.TrusteeFiles;
import org.urna.tally.ledger.LedgerFolder;
import org.urna.tally.ledger.LedgerRefusal;
import org.urna.tally.ledger.LedgerTally;
import org.urna.tally.record.ElectionRecordWriter;
import org.urna.tlog.TrustPolicy;

/**
 * The whole election through the one {@code urna} command and the real stacks: the key ceremony of
 * 3 trustees (k = 2), the signed election package of two stations, ballots cast and challenged into
 * each station's ballot box (encrypted H2 files), {@code urna sync} into a real 3-validator ledger,
 * {@code urna ledger-download} and {@code urna tally-ledger}, decryption shares of two trustees
 * (the third absent), {@code urna tally-combine}, {@code urna record} and {@code urna
 * verify-record}. The results must be the counts of the choices this test cast, computed here from
 * its own choices; every ballot the boxes recorded must be in the ledger. Then the refusals: a
 * policy whose quorum did not cosign, lying validators' tiles, a changed download, ballots of
 * another election, a ballot whose proof fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElectionEndToEndTest {
  static final int VOTERS_PER_STATION = 24;
  int votersPerStation = VOTERS_PER_STATION; // TallyFromLedgerBenchmark sets more
  long syncTimeoutSeconds = 120;
  static final int CHALLENGE_EVERY = 5;
  static final List<String> STATIONS = List.of("s1", "s2");
  static final Instant VOTING = Instant.parse("2027-09-19T06:20:00Z");

  Path dir;
  ThreeValidators ledger;
  Path election; // election-package.json, trust-anchor.sha256, demo-station-<id>.hex
  Path ceremony;
  Path home; // the trustees' key files and passphrases
  Path policy;
  String anchor;
  ElectionPackage pkg;
  final Map<String, SigningKey> stationKeys = new HashMap<>();
  final Map<String, Long> expected = new TreeMap<>();
  int recorded;
  Path downloaded;
  Path record; // written by the first test

  record Run(int code, String out, String err) {}

  static Run urna(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
      PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
      System.setOut(o);
      System.setErr(e);
      int code =
          Urna.commandLine()
              .setOut(new PrintWriter(o, true))
              .setErr(new PrintWriter(e, true))
              .execute(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /** The arguments of {@code urna tally-ledger}, each an argument's text. */
  static String[] tallyLedger(Object ledger, Object policy, Object pkg, Object trust, Object out) {
    return new String[] {
      "tally-ledger",
      "--ledger",
      ledger.toString(),
      "--policy",
      policy.toString(),
      "--package",
      pkg.toString(),
      "--trust",
      trust.toString(),
      "--out",
      out.toString()
    };
  }

  /** The arguments of {@code urna ledger-download}. */
  static String[] ledgerDownload(Object urls, Object policy, Object out) {
    return new String[] {
      "ledger-download",
      "--ledger",
      urls.toString(),
      "--policy",
      policy.toString(),
      "--out",
      out.toString()
    };
  }

  static Run ok(String... args) {
    Run r = urna(args);
    assertThat(r.code())
        .as("urna " + String.join(" ", args) + "\n" + r.out() + "\n" + r.err())
        .isZero();
    return r;
  }

  static String csv(Map<String, SigningKey> keys) {
    return String.join(
            "\n",
            "record,id,in,field,value,en",
            "election,city-2027,,title,,City council election",
            "election,,,opens,2027-09-19T05:00:00Z,",
            "election,,,closes,2027-09-19T17:00:00Z,",
            "contest,council,,type,candidate,",
            "contest,council,,title,,City council",
            "contest,council,,votesAllowed,2,",
            "candidate,ann,council,name,,Anna Petrova",
            "candidate,bulat,council,name,,Bulat Safin",
            "candidate,dina,council,name,,Dina Ilyina",
            "contest,park,,type,referendum,",
            "contest,park,,title,,Park",
            "contest,park,,question,,Build the park?",
            "contest,park,,yes,,Yes",
            "contest,park,,no,,No",
            "style,all,,name,,All",
            "style,all,,contests,council park,",
            "style,park-only,,name,,Park only",
            "style,park-only,,contests,park,",
            "station,s1,,name,,Station 1",
            "station,s1,,key," + keys.get("s1").publicKey().toHex() + ",",
            "station,s2,,name,,Station 2",
            "station,s2,,key," + keys.get("s2").publicKey().toHex() + ",")
        + "\n";
  }

  @BeforeAll
  void anElectionCastSyncedAndDownloaded() throws Exception {
    dir = Files.createTempDirectory("urna-e2e");
    home = dir.resolve("home");
    Files.createDirectories(home);
    SecureRandom secure = new SecureRandom();
    for (String s : STATIONS) {
      byte[] seed = new byte[32];
      secure.nextBytes(seed);
      stationKeys.put(s, SigningKey.fromSeed(seed));
      election = dir.resolve("election");
      Files.createDirectories(election);
      Files.writeString(
          election.resolve("demo-station-" + s + ".hex"), HexFormat.of().formatHex(seed) + "\n");
    }
    Path csvFile = dir.resolve("election.csv");
    Files.writeString(csvFile, csv(stationKeys));
    Path manifestJson = dir.resolve("manifest.json");
    ok("election", "check", csvFile.toString(), "--json-out", manifestJson.toString());

    // The key ceremony: 3 trustees, any 2 decrypt.
    ceremony = dir.resolve("ceremony");
    ok(
        "ceremony",
        "new",
        "--dir",
        ceremony.toString(),
        "--threshold",
        "2",
        "--trustee",
        "Ana",
        "--trustee",
        "Boris",
        "--trustee",
        "Chulpan",
        "--manifest",
        manifestJson.toString());
    for (String step : List.of("init", "deal", "check", "finish")) {
      if (step.equals("finish")) {
        ok("ceremony", "combine", "--dir", ceremony.toString());
      }
      for (int i = 1; i <= 3; i++) {
        List<String> a = new ArrayList<>(List.of("trustee", step));
        a.addAll(trusteeKey(i));
        if (step.equals("init")) {
          a.addAll(
              List.of("--trustee", "" + i, "--argon2-memory-mib", "8", "--argon2-iterations", "1"));
        }
        ok(a.toArray(new String[0]));
      }
    }

    // The authority signs the package with the ceremony's joint key.
    Path authority = dir.resolve("authority");
    Path authorityPass = home.resolve("authority-pass");
    Files.writeString(authorityPass, "the authority's long passphrase\n");
    ok(
        "authority",
        "init",
        "--out",
        authority.toString(),
        "--name",
        "City Commission",
        "--signing-until",
        "2031-01-01T00:00:00Z",
        "--passphrase-file",
        authorityPass.toString(),
        "--quick-kdf");
    ok(
        "election",
        "create",
        "--manifest",
        csvFile.toString(),
        "--ceremony",
        ceremony.toString(),
        "--authority",
        authority.toString(),
        "--out",
        election.toString(),
        "--passphrase-file",
        authorityPass.toString());
    anchor = Files.readString(election.resolve("trust-anchor.sha256")).strip();
    pkg =
        ElectionPackage.load(
            Files.readAllBytes(election.resolve("election-package.json")),
            TrustAnchor.fromHex(anchor),
            VOTING);

    // The ledger of this election, and its policy as the election office publishes it.
    ledger = new ThreeValidators(dir.resolve("ledger"), ElectionRules.of(pkg));
    policy = dir.resolve("ledger.policy");
    Files.writeString(policy, ledger.policy.format());

    // Voters at each station: the box records every ballot; every 5th is challenged.
    ElectionManifest m = pkg.manifest();
    ElectionKey key = new ElectionKey(pkg.electionKey(), pkg.extendedHash());
    BallotEncryptor encryptor = new BallotEncryptor(m, key);
    Random choices = new Random(secure.nextLong());
    Clock clock = Clock.fixed(VOTING, ZoneOffset.UTC);
    long hour = VOTING.getEpochSecond() / 3600;
    Path password = home.resolve("box-password");
    Files.writeString(password, "correct-horse-battery-staple\n");
    for (String s : STATIONS) {
      try (BallotBox box =
          BallotBox.open(
              election.resolve("box-" + s),
              "correct-horse-battery-staple".toCharArray(),
              m,
              key,
              s,
              stationKeys.get(s),
              clock)) {
        for (int v = 1; v <= votersPerStation; v++) {
          PlaintextBallot p = choose(m, choices);
          NonceSeed seed = NonceSeed.random(secure);
          EncryptedBallot b = encryptor.encrypt(p, BallotId.random(secure), s, hour, seed);
          box.storePending(b, seed);
          if (v % CHALLENGE_EVERY == 0) {
            box.challenge(b.ballotId(), p, stationKeys.get(s));
          } else {
            box.cast(b.ballotId(), stationKeys.get(s));
            count(m, p);
          }
          recorded++;
        }
      }
      ok(
          "sync",
          "--box",
          election.resolve("box-" + s).toString(),
          "--password-file",
          password.toString(),
          "--station",
          s,
          "--election",
          election.toString(),
          "--ledger",
          ledger.urls(),
          "--policy",
          policy.toString(),
          "--timeout",
          "120");
    }
    downloaded = dir.resolve("downloaded");
    Run d = ok(ledgerDownload(ledger.urls(), policy, downloaded));
    assertThat(d.out()).contains("Downloaded " + recorded + " entries");
  }

  List<String> trusteeKey(int i) throws IOException {
    Path pass = home.resolve("pass-" + i);
    if (!Files.exists(pass)) {
      Files.writeString(pass, "passphrase of trustee " + i + "\n");
    }
    return List.of(
        "--dir",
        ceremony.toString(),
        "--key",
        home.resolve("trustee-" + i + ".key").toString(),
        "--passphrase-file",
        pass.toString());
  }

  /** A voter's choices: a ballot style, up to the limit of each contest (sometimes none). */
  static PlaintextBallot choose(ElectionManifest m, Random r) {
    BallotStyle style = m.ballotStyles().get(r.nextInt(m.ballotStyles().size()));
    Map<String, Set<String>> chosen = new TreeMap<>();
    for (Contest c : m.contestsOf(style)) {
      List<String> ids = new ArrayList<>(c.selectionIds());
      java.util.Collections.shuffle(ids, r);
      int n = r.nextInt(c.limit() + 1);
      chosen.put(c.id(), new LinkedHashSet<>(ids.subList(0, n)));
    }
    return new PlaintextBallot(style.id(), chosen);
  }

  /** Adds a cast ballot's choices to the counts this test expects (every selection it carries). */
  void count(ElectionManifest m, PlaintextBallot p) {
    BallotStyle style = m.ballotStyle(p.ballotStyleId()).orElseThrow();
    for (Contest c : m.contestsOf(style)) {
      for (String s : c.selectionIds()) {
        expected.merge(c.id() + "/" + s, (long) p.value(c.id(), s), Long::sum);
      }
    }
  }

  @AfterAll
  void stop() throws IOException {
    if (ledger != null) {
      ledger.close();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  @Order(1)
  void theTallyFromTheLedgerDecryptedByTwoTrusteesIsWhatTheVotersChose() throws Exception {
    Path tally = dir.resolve("tally");
    Path totals = tally.resolve("encrypted-totals.json");
    Run t =
        ok(
            tallyLedger(
                downloaded, policy, election.resolve("election-package.json"), anchor, totals));
    long cast = expected.isEmpty() ? 0 : castCount();
    assertThat(t.out()).contains(cast + " cast ballots added");
    // Trustees 1 and 3 decrypt; trustee 2 is absent.
    for (int i : new int[] {1, 3}) {
      List<String> a = new ArrayList<>(List.of("trustee", "decrypt"));
      a.addAll(trusteeKey(i));
      a.addAll(List.of("--totals", totals.toString()));
      ok(a.toArray(new String[0]));
    }
    Path results = tally.resolve("results.json");
    Run c =
        ok(
            "tally-combine",
            "--dir",
            ceremony.toString(),
            "--totals",
            totals.toString(),
            "--out",
            results.toString(),
            "--shares",
            tally.resolve("decryption-share-1.json").toString(),
            tally.resolve("decryption-share-3.json").toString());
    assertThat(c.out()).contains("No shares from trustees [2]");
    record = dir.resolve("out/record");
    Run r =
        ok(
            "record",
            "--package",
            election.resolve("election-package.json").toString(),
            "--trust",
            anchor,
            "--ceremony",
            ceremony.toString(),
            "--ledger",
            downloaded.toString(),
            "--tally",
            tally.toString(),
            "--out",
            record.toString());
    assertThat(r.out()).contains("VERIFIED");
    Run v = ok("verify-record", record.toString(), "--trust", anchor);
    assertThat(v.out()).contains("VERIFIED");

    Map<String, Long> counts =
        TrusteeFiles.readResultCounts(Files.readAllBytes(results), "results.json");
    assertThat(counts).isEqualTo(expected);
    // Every ballot the boxes recorded is in the ledger and in the record, cast and challenged.
    List<byte[]> entries = LedgerFolder.read(downloaded, trust()).entries();
    assertThat(entries).hasSize(recorded);
    long challenged =
        entries.stream()
            .map(e -> decode(e))
            .filter(b -> b.state() == BallotState.CHALLENGED)
            .count();
    assertThat(challenged).isEqualTo(recorded - castCount());
  }

  long castCount() {
    return (long) STATIONS.size() * (votersPerStation - votersPerStation / CHALLENGE_EVERY);
  }

  TrustPolicy trust() throws IOException {
    return TrustPolicy.parse(Files.readAllBytes(policy));
  }

  static RecordedBallot decode(byte[] leaf) {
    return RecordedBallot.decode(Arrays.copyOfRange(leaf, 33, leaf.length));
  }

  @Test
  @Order(2)
  void aPolicyWhoseQuorumDidNotCosignIsRefusedAndNothingIsWritten() throws Exception {
    // The same validators' keys, but a quorum of all three plus a validator nobody runs.
    String text = Files.readString(policy);
    String other = dir.resolve("other").toString();
    Path wrong = dir.resolve("wrong.policy");
    String strict = TrustPolicy.parse(text).strictForm();
    String withStranger =
        strict.replaceAll("(?m)^quorum .*$", "")
            + "witness stranger "
            + org.urna.ledger.note.SigningKey.generate(
                    "stranger.validators.urna.test",
                    org.urna.ledger.note.SignatureType.COSIGNATURE_V1,
                    new SecureRandom())
                .verifierKey()
                .vkey()
            + "\ngroup everyone all "
            + String.join(" ", TrustPolicy.parse(text).witnessNames())
            + " stranger\nquorum everyone\n";
    Files.writeString(wrong, withStranger);
    Run r = urna(ledgerDownload(ledger.urls(), wrong, other));
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err())
        .contains("No validator serves a checkpoint cosigned by a quorum of the policy")
        .contains("fewer than the quorum");
    assertThat(Path.of(other)).doesNotExist();
    // The downloaded folder read under that policy is refused too.
    Run t =
        urna(
            tallyLedger(
                downloaded,
                wrong,
                election.resolve("election-package.json"),
                anchor,
                dir.resolve("wrong-totals.json")));
    assertThat(t.code()).isEqualTo(1);
    assertThat(t.err()).contains("is not trusted under the policy");
    assertThat(dir.resolve("wrong-totals.json")).doesNotExist();
    // A package file that is not there: said in words, nothing written.
    Run none =
        urna(
            tallyLedger(
                downloaded,
                policy,
                dir.resolve("no-such-package.json"),
                anchor,
                dir.resolve("wrong-totals.json")));
    assertThat(none.code()).isEqualTo(1);
    assertThat(none.err()).startsWith("There is no file ").contains("no-such-package.json");
    assertThat(dir.resolve("wrong-totals.json")).doesNotExist();
  }

  @Test
  @Order(3)
  void aLyingValidatorsTilesAreNamedAndFetchedFromAnHonestOne() throws Exception {
    try (TamperingValidator entries =
            new TamperingValidator(ledger.endpoints().get(0), "/tile/entries/");
        TamperingValidator hashes = new TamperingValidator(ledger.endpoints().get(1), "/tile/0/")) {
      // Only liars: refused, the tile named, nothing written.
      Path out = dir.resolve("lied-entries");
      Run r = urna(ledgerDownload(entries.uri(), policy, out));
      assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
      assertThat(r.err())
          .contains("No validator serves tile/entries/000")
          .contains("does not hash to the leaf under the checkpoint's root");
      assertThat(out).doesNotExist();
      Path out2 = dir.resolve("lied-hashes");
      Run h = urna(ledgerDownload(hashes.uri(), policy, out2));
      assertThat(h.code()).isEqualTo(1);
      assertThat(h.err()).contains("No validator serves hash tiles that hash to the root");
      assertThat(out2).doesNotExist();
      // Liars first, then an honest validator: the download is the honest ledger's.
      Path out3 = dir.resolve("mixed");
      ok(
          ledgerDownload(
              entries.uri() + "," + hashes.uri() + "," + ledger.endpoints().get(2), policy, out3));
      List<byte[]> honest = LedgerFolder.read(downloaded, trust()).entries();
      List<byte[]> mixed = LedgerFolder.read(out3, trust()).entries();
      assertThat(mixed).hasSameSizeAs(honest);
      for (int i = 0; i < honest.size(); i++) {
        assertThat(mixed.get(i)).isEqualTo(honest.get(i));
      }
    }
  }

  @Test
  @Order(4)
  void aChangedDownloadIsRefusedByTallyLedger() throws Exception {
    Path copy = dir.resolve("changed");
    copyTree(downloaded, copy);
    Path bundle;
    try (Stream<Path> s = Files.walk(copy.resolve("tile/entries"))) {
      bundle = s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
    byte[] b = Files.readAllBytes(bundle);
    b[100] ^= 1; // inside the first entry's ballot, not a length
    Files.write(bundle, b);
    Path out = dir.resolve("changed-totals.json");
    Run t = urna(tallyLedger(copy, policy, election.resolve("election-package.json"), anchor, out));
    assertThat(t.code()).isEqualTo(1);
    assertThat(t.err()).contains("an entry bundle was changed, or the ledger forked");
    assertThat(out).doesNotExist();
  }

  @Test
  @Order(5)
  void ballotsOfAnotherElectionAreRefused() throws Exception {
    // The same manifest under another election key: another election (another Q).
    Path other = dir.resolve("other-election");
    ok(
        "election",
        "create",
        "--manifest",
        dir.resolve("election.csv").toString(),
        "--election-key",
        org.urna.core.crypto.Group.mulG(org.urna.core.crypto.Scalar.random(new SecureRandom()))
            .toHex(),
        "--authority",
        dir.resolve("authority").toString(),
        "--out",
        other.toString(),
        "--passphrase-file",
        home.resolve("authority-pass").toString());
    Path out = dir.resolve("other-totals.json");
    Run t =
        urna(
            tallyLedger(
                downloaded,
                policy,
                other.resolve("election-package.json"),
                Files.readString(other.resolve("trust-anchor.sha256")).strip(),
                out));
    assertThat(t.code()).isEqualTo(1);
    assertThat(t.err())
        .contains("ballots all belong to another election than this package's")
        .contains("belongs to another election");
    assertThat(out).doesNotExist();
  }

  @Test
  @Order(6)
  void aBallotWhoseProofFailsIsNamed() throws Exception {
    // The last ballot of the ledger with two selections' ciphertexts swapped, signed again by its
    // station (a station key holder could send it; the validators take it at ingest and their
    // proof audit flags it later): the tally names it and refuses.
    List<byte[]> entries = new ArrayList<>(LedgerFolder.read(downloaded, trust()).entries());
    int at = -1;
    RecordedBallot victim = null;
    for (int i = entries.size() - 1; i >= 0 && at < 0; i--) {
      RecordedBallot r = decode(entries.get(i));
      if (r.state() == BallotState.CAST
          && r.ballot().contests().stream().anyMatch(c -> c.selections().size() >= 2)) {
        at = i;
        victim = r;
      }
    }
    assertThat(at).isNotNegative();
    EncryptedBallot e = victim.ballot();
    List<EncryptedContest> contests = new ArrayList<>();
    boolean swapped = false;
    for (EncryptedContest c : e.contests()) {
      if (!swapped && c.selections().size() >= 2) {
        List<EncryptedSelection> s = new ArrayList<>(c.selections());
        EncryptedSelection a = s.get(0);
        EncryptedSelection b = s.get(1);
        s.set(0, new EncryptedSelection(a.selectionId(), b.ciphertext(), a.proof()));
        s.set(1, new EncryptedSelection(b.selectionId(), a.ciphertext(), b.proof()));
        contests.add(new EncryptedContest(c.contestId(), c.limit(), s, c.limitProof()));
        swapped = true;
      } else {
        contests.add(c);
      }
    }
    EncryptedBallot forged =
        new EncryptedBallot(
            e.extendedHash(),
            e.ballotId(),
            e.stationId(),
            e.ballotStyleId(),
            e.epochHour(),
            contests);
    RecordedBallot signed =
        RecordedBallot.record(
            forged, BallotState.CAST, null, victim.previous(), stationKeys.get(e.stationId()));
    // Only the last ballot of its station keeps the chain whole; find it again if not last.
    entries.set(at, ElectionRecordWriter.leaf(signed));
    ElectionKey key = new ElectionKey(pkg.electionKey(), pkg.extendedHash());
    LedgerTally tally = new LedgerTally(pkg.manifest(), key, 2);
    try {
      tally.tally(entries);
      throw new AssertionError("a ballot with a failing proof was tallied");
    } catch (LedgerRefusal refusal) {
      assertThat(refusal.getMessage())
          .contains("V5 entry " + at + " (ballot " + e.ballotId() + ", station " + e.stationId());
    }
    // The untouched entries tally.
    assertThat(tally.tally(LedgerFolder.read(downloaded, trust()).entries()).cast())
        .isEqualTo(castCount());
  }

  /**
   * The record's ledger part checked by code nobody on the project wrote: Go's sumdb/note (each
   * checkpoint's log signature), crypto/ed25519 (each cosignature, its key ID recomputed) and
   * sumdb/tlog (the entries' tree hash at each checkpoint, every entry's inclusion proof), run by
   * ledger/src/test/go/tlogcheck in its -record mode; then changed copies fail at their check.
   */
  @Test
  @Order(7)
  void goSumdbChecksTheRecordsLedgerPart() throws Exception {
    assertThat(record).as("the first test wrote the record").isNotNull();
    Path checker = buildGoChecker(dir);
    Path ledgerPart = record.resolve("ledger");
    Run r = go(checker, ledgerPart);
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("ok   cosignature every checkpoint cosigned by at least 2 witnesses")
        .contains("ok   entries     all " + recorded + " entries hash to the root")
        .contains("ok   proofs      " + recorded + " inclusion proofs check")
        .contains("verified " + recorded + " entries");

    Path entry = dir.resolve("go-entry");
    copyTree(ledgerPart, entry);
    flip(firstFile(entry.resolve("tile/entries")), 100);
    assertThat(go(checker, entry).out()).contains("FAIL entries");

    Path cosig = dir.resolve("go-cosignature");
    copyTree(ledgerPart, cosig);
    Path note = firstFile(cosig.resolve("checkpoints"));
    List<String> lines = new ArrayList<>(Files.readAllLines(note, StandardCharsets.UTF_8));
    int last = lines.size() - 1; // the last signature line: a cosignature (the log's comes first)
    String line = lines.get(last);
    int sp = line.lastIndexOf(' ');
    byte[] sig = java.util.Base64.getDecoder().decode(line.substring(sp + 1));
    sig[40] ^= 1;
    lines.set(last, line.substring(0, sp + 1) + java.util.Base64.getEncoder().encodeToString(sig));
    Files.writeString(note, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    Run c = go(checker, cosig);
    assertThat(c.code()).isEqualTo(1);
    assertThat(c.out()).contains("FAIL cosignature").contains("does not verify");
  }

  static Path firstFile(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
    }
  }

  static void flip(Path file, int at) throws IOException {
    byte[] b = Files.readAllBytes(file);
    b[at] ^= 1;
    Files.write(file, b);
  }

  static Run go(Path checker, Path ledgerPart) throws Exception {
    Process p =
        new ProcessBuilder(checker.toString(), "-record", ledgerPart.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out, "");
  }

  /** Builds ledger's Go checker with Debian's Go and x/mod in GOPATH mode (nothing downloads). */
  static Path buildGoChecker(Path dir) throws Exception {
    Path source = Path.of("../ledger/src/test/go/tlogcheck").toAbsolutePath().normalize();
    Path binary = dir.resolve("tlogcheck");
    ProcessBuilder pb =
        new ProcessBuilder("go", "build", "-o", binary.toString(), ".")
            .directory(source.toFile())
            .redirectErrorStream(true);
    pb.environment().put("GO111MODULE", "off");
    pb.environment().put("GOPATH", "/usr/share/gocode");
    pb.environment().put("GOCACHE", dir.resolve("gocache").toString());
    pb.environment().put("GOFLAGS", "");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError(
          "Go is not installed: ./test.sh installs golang-go and golang-golang-x-mod-dev", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("go build:\n" + out).isZero();
    return binary;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }
}
