package org.urna.ballotbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.TestElection;
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

  private int verify(Path box, Path passwordFile) {
    CommandLine cli = new CommandLine(new VerifyBoxCommand(this::inputs));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(
        "--box", box.toString(), "--password-file", passwordFile.toString(), "--station", "s1");
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
}
