package org.urna.ballotbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.outbox.Inclusion;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TestElection;
import org.urna.tlog.KeyType;
import org.urna.tlog.MerkleProofs;
import org.urna.tlog.NoteKey;
import org.urna.tlog.TreeHash;
import picocli.CommandLine;

/** {@code verify-box} never creates or changes a box, and each refusal has its message and code. */
class VerifyBoxCommandTest {
  private static final TestElection ELECTION = new TestElection();
  private static final String PASSWORD = "a-long-box-password";
  @TempDir Path dir;
  private Path password;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void aPasswordFile() throws Exception {
    password = dir.resolve("password");
    Files.writeString(password, PASSWORD + "\n");
  }

  private ElectionInputs inputs() {
    return new ElectionInputs(ELECTION.manifest, ELECTION.key, ELECTION.stationKey);
  }

  private int verify(Path box, Path passwordFile, String... more) {
    CommandLine cli = new CommandLine(new VerifyBoxCommand(this::inputs));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--box",
                box.toString(),
                "--password-file",
                passwordFile.toString(),
                "--station",
                "s1"));
    args.addAll(List.of(more));
    return cli.execute(args.toArray(String[]::new));
  }

  private int cast(Path box, Path passwordFile) {
    Clock clock = Clock.fixed(Instant.parse("2026-09-20T08:30:00Z"), ZoneOffset.UTC);
    CommandLine cli = new CommandLine(new CastCommand(this::inputs, clock));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(
        "--box",
        box.toString(),
        "--password-file",
        passwordFile.toString(),
        "--station",
        "s1",
        "--count",
        "3",
        "--seed",
        "1");
  }

  @Test
  void aMissingBoxIsReportedAndNotCreated() throws Exception {
    Path box = dir.resolve("nowhere").resolve("box");
    assertThat(verify(box, password)).isEqualTo(ExitCodes.NO_BOX);
    assertThat(err.toString()).contains("There is no ballot box at").doesNotContain("Exception");
    assertThat(out.toString()).doesNotContain("verify");
    assertThat(Files.exists(box.getParent())).isFalse();
  }

  @Test
  void aMissingOrEmptyPasswordFileIsReportedWithoutAStackTrace() throws Exception {
    Path box = dir.resolve("box");
    assertThat(cast(box, password)).isZero();
    assertThat(verify(box, dir.resolve("no-such-file"))).isEqualTo(ExitCodes.PASSWORD_FILE);
    assertThat(err.toString()).contains("There is no password file").doesNotContain("\tat ");
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "");
    assertThat(verify(box, empty)).isEqualTo(ExitCodes.PASSWORD_FILE);
    assertThat(cast(box, empty)).isEqualTo(ExitCodes.PASSWORD_FILE);
    assertThat(err.toString()).contains("is empty").doesNotContain("\tat ");
  }

  @Test
  void aWrongPasswordATamperedBoxAndAGoodBoxEachHaveTheirCode() throws Exception {
    Path box = dir.resolve("box");
    assertThat(cast(box, password)).isZero();
    assertThat(verify(box, password)).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("All 3 ballots verify.");
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "not-the-password\n");
    assertThat(verify(box, wrong)).isEqualTo(ExitCodes.WRONG_PASSWORD);
    try (Connection c =
        DriverManager.getConnection(
            "jdbc:h2:file:" + box.toAbsolutePath() + ";CIPHER=AES;IFEXISTS=TRUE",
            "BOX",
            PASSWORD + " " + PASSWORD)) {
      c.createStatement().execute("DROP TABLE audit_log");
    }
    assertThat(verify(box, password)).isEqualTo(ExitCodes.TAMPERED);
    assertThat(err.toString()).contains("altered").doesNotContain("check the disk");
  }

  @Test
  void aFolderThatCannotBeWrittenIsSaidInPlainWords() throws Exception {
    Path notAFolder = dir.resolve("file");
    Files.writeString(notAFolder, "x");
    assertThat(cast(notAFolder.resolve("box"), password)).isEqualTo(ExitCodes.NOT_WRITABLE);
    assertThat(err.toString()).contains("cannot be written").doesNotContain("Flyway");
  }

  @Test
  void verificationLeavesNoTraceFile() throws Exception {
    Path box = dir.resolve("box");
    assertThat(cast(box, password)).isZero();
    verify(box, password);
    verify(box, dir.resolve("wrong-path"));
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.filter(p -> p.toString().endsWith(".trace.db"))).isEmpty();
    }
  }

  // ------------------------------------------------------------ stored confirmations, --policy

  private static final String ORIGIN = "urna-test-ledger";
  private static final List<String> VALIDATORS = List.of("v1", "v2", "v3");

  /** An Ed25519 private key seed, fixed by its label. */
  private static byte[] seed(String label) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static NoteKey key(String name, KeyType type, String seedLabel) {
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed(seedLabel), 0, pk, 0);
    return new NoteKey(name, type, pk);
  }

  private static byte[] sign(String seedLabel, String message) {
    byte[] sk = seed(seedLabel);
    byte[] pk = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(sk, 0, pk, 0);
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(sk, 0, pk, 0, msg, 0, msg.length, sig, 0);
    return sig;
  }

  private static String line(NoteKey k, byte[] sig) {
    byte[] raw = ByteBuffer.allocate(4 + sig.length).putInt(k.keyId()).put(sig).array();
    return "\u2014 " + k.name() + " " + Base64.getEncoder().encodeToString(raw) + "\n";
  }

  /**
   * The trust policy the station trusts, as the ledger writes it (URLs after the keys): the log key
   * of {@code ledger} and three validators, two of which must cosign.
   */
  private Path policy() throws Exception {
    StringBuilder p = new StringBuilder("# the station's ledger\n");
    p.append("log ")
        .append(key(ORIGIN, KeyType.ED25519, "ledger").vkey())
        .append(" https://ledger.example.org/\n");
    for (String v : VALIDATORS) {
      p.append("witness ")
          .append(v)
          .append(' ')
          .append(key(v, KeyType.COSIGNATURE_V1, "validator " + v).vkey())
          .append(" https://")
          .append(v)
          .append(".example.org:8443\n");
    }
    p.append("group validators 2 v1 v2 v3\nquorum validators\n");
    Path file = dir.resolve("ledger.policy");
    Files.writeString(file, p);
    return file;
  }

  /**
   * A checkpoint note of {@code text} signed by the log key of seed {@code logSeed} and cosigned by
   * the validators {@code cosigners}, each with its key of seed {@code "<prefix> <name>"}.
   */
  private static byte[] note(String text, String logSeed, String prefix, List<String> cosigners) {
    StringBuilder n = new StringBuilder(text).append('\n');
    n.append(line(key(ORIGIN, KeyType.ED25519, logSeed), sign(logSeed, text)));
    long time = 1_790_000_000L;
    for (String v : cosigners) {
      String s = prefix + " " + v;
      byte[] sig = sign(s, "cosignature/v1\ntime " + time + "\n" + text);
      byte[] body = ByteBuffer.allocate(72).putLong(time).put(sig).array();
      n.append(line(key(v, KeyType.COSIGNATURE_V1, s), body));
    }
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The ballots' ledger entries in chain order, as the ledger's leaves. */
  private static List<TreeHash> leaves(List<RecordedBallot> ballots) {
    List<TreeHash> out = new ArrayList<>();
    for (RecordedBallot rb : ballots) {
      byte[] code = rb.code().toBytes();
      byte[] recorded = rb.toBytes();
      byte[] entry = new byte[1 + code.length + recorded.length];
      entry[0] = 0x01;
      System.arraycopy(code, 0, entry, 1, code.length);
      System.arraycopy(recorded, 0, entry, 1 + code.length, recorded.length);
      out.add(MerkleProofs.leafHash(entry));
    }
    return out;
  }

  /** RFC 9162 2.1.1 MTH over leaf hashes. */
  private static byte[] mth(List<TreeHash> leaves) throws Exception {
    if (leaves.size() == 1) {
      return leaves.getFirst().bytes();
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update((byte) 1);
    md.update(mth(leaves.subList(0, k)));
    return md.digest(mth(leaves.subList(k, leaves.size())));
  }

  /** RFC 9162 2.1.3.1 PATH(m, D[n]). */
  private static List<byte[]> path(int m, List<TreeHash> leaves) throws Exception {
    List<byte[]> out = new ArrayList<>();
    if (leaves.size() == 1) {
      return out;
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    if (m < k) {
      out.addAll(path(m, leaves.subList(0, k)));
      out.add(mth(leaves.subList(k, leaves.size())));
    } else {
      out.addAll(path(m - k, leaves.subList(k, leaves.size())));
      out.add(mth(leaves.subList(0, k)));
    }
    return out;
  }

  /**
   * Casts 3 ballots and marks each confirmed in the outbox, with a correct inclusion proof under a
   * checkpoint of the 3 entries whose note {@code signer} makes from the checkpoint's text.
   */
  private List<RecordedBallot> confirmedBox(
      Path box, java.util.function.Function<String, byte[]> signer) throws Exception {
    assertThat(cast(box, password)).isZero();
    Clock clock = Clock.fixed(Instant.parse("2026-09-20T08:35:00Z"), ZoneOffset.UTC);
    List<RecordedBallot> ballots = new ArrayList<>();
    try (BallotBox b =
        BallotBox.open(
            box,
            PASSWORD.toCharArray(),
            ELECTION.manifest,
            ELECTION.key,
            "s1",
            ELECTION.stationKey,
            clock)) {
      b.forEachRecorded(ballots::add);
      List<TreeHash> leaves = leaves(ballots);
      byte[] root = mth(leaves);
      List<Inclusion> proofs = new ArrayList<>();
      for (int i = 0; i < ballots.size(); i++) {
        proofs.add(new Inclusion(ballots.get(i).ballotId(), i, path(i, leaves)));
      }
      String text =
          ORIGIN + "\n" + ballots.size() + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
      b.markSubmitted(ballots.stream().map(RecordedBallot::ballotId).toList());
      b.markConfirmed(proofs, signer.apply(text), ballots.size(), root);
    }
    return ballots;
  }

  @Test
  void confirmationsUnderAQuorumOfTheStationsValidatorsAreTrusted() throws Exception {
    Path box = dir.resolve("box");
    confirmedBox(box, text -> note(text, "ledger", "validator", List.of("v1", "v3")));
    assertThat(verify(box, password, "--policy", policy().toString())).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("3 ledger confirmations re-checked")
        .contains("quorum of cosignatures under the trust policy")
        .contains("all trusted.")
        .contains("All 3 ballots verify.")
        .doesNotContain("NOT");
  }

  @Test
  void aNoteSignedByKeysOutsideThePolicyFailsNamingEachBallot() throws Exception {
    Path box = dir.resolve("box");
    List<RecordedBallot> ballots =
        confirmedBox(box, text -> note(text, "forger's log", "forger", VALIDATORS));
    assertThat(verify(box, password, "--policy", policy().toString()))
        .isEqualTo(VerifyBoxCommand.UNTRUSTED_CONFIRMATION);
    String printed = out.toString();
    assertThat(printed).contains("3 NOT trusted.").contains("All 3 ballots verify.");
    for (RecordedBallot rb : ballots) {
      assertThat(printed)
          .contains(
              "the confirmation of ballot "
                  + rb.ballotId().toHex()
                  + " is not trusted: no trusted log key of origin '"
                  + ORIGIN
                  + "' signed checkpoint 3");
    }
    assertThat(printed).contains("3 ledger confirmation(s) are not trusted");
  }

  @Test
  void aNoteWithTooFewCosignaturesFails() throws Exception {
    Path box = dir.resolve("box");
    List<RecordedBallot> ballots =
        confirmedBox(box, text -> note(text, "ledger", "validator", List.of("v2")));
    assertThat(verify(box, password, "--policy", policy().toString()))
        .isEqualTo(VerifyBoxCommand.UNTRUSTED_CONFIRMATION);
    assertThat(out.toString())
        .contains(
            "the confirmation of ballot "
                + ballots.getFirst().ballotId().toHex()
                + " is not trusted: checkpoint 3 is cosigned by 1 trusted validators, fewer than"
                + " the quorum");
  }

  @Test
  void withoutAPolicyTheOutputSaysTheCosignaturesWereNotChecked() throws Exception {
    Path box = dir.resolve("box");
    confirmedBox(box, text -> note(text, "forger's log", "forger", VALIDATORS));
    assertThat(verify(box, password)).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("3 ledger confirmations re-checked: inclusion proofs")
        .contains("signatures and cosignatures were NOT checked (no --policy)");
  }

  @Test
  void aPolicyFileThatIsMissingOrNotAPolicyIsAUsageErrorAndTheBoxIsUntouched() throws Exception {
    Path box = dir.resolve("box");
    assertThat(cast(box, password)).isZero();
    Path file = dir.resolve("box.mv.db");
    byte[] before = Files.readAllBytes(file);
    assertThat(verify(box, password, "--policy", dir.resolve("none.policy").toString()))
        .isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("There is no trust policy file").doesNotContain("\tat ");
    Path notAPolicy = dir.resolve("not.policy");
    Files.writeString(notAPolicy, "log something\n");
    assertThat(verify(box, password, "--policy", notAPolicy.toString())).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("is not a ledger trust policy").doesNotContain("\tat ");
    assertThat(out.toString()).doesNotContain("ballots verify");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
  }
}
