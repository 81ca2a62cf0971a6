package org.urna.ballotbox.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotBoxException;
import org.urna.core.ballot.TestElection;
import picocli.CommandLine;

/**
 * A ballot box in a folder that cannot be written (a read-only mount: root ignores file modes, and
 * CI runs as root): {@code cast} and the box's open refuse with NOT_WRITABLE in plain words, {@code
 * verify-box} verifies (reading needs no write), a missing box there is NOT_FOUND; no raw H2 or
 * Flyway text reaches the user and not a byte in the folder changes.
 */
class ReadOnlyFolderTest {
  private static final TestElection ELECTION = new TestElection();
  private static final String PASSWORD = "a-long-box-password";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-09-20T08:30:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;
  private Path password;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void rootAndAPasswordFile() throws Exception {
    Optional<String> why = ReadOnlyMount.unavailableBecause();
    Assumptions.assumeTrue(
        why.isEmpty(), () -> "skipped: " + why.orElse("") + " (CI runs as root)");
    password = dir.resolve("password");
    Files.writeString(password, PASSWORD + "\n");
  }

  private ReadOnlyMount mount() {
    try {
      return ReadOnlyMount.writable(dir.resolve("mnt"));
    } catch (IOException e) {
      Assumptions.abort("skipped: cannot mount a tmpfs here (" + e.getMessage() + ")");
      throw new AssertionError(e);
    }
  }

  private ElectionInputs inputs() {
    return new ElectionInputs(ELECTION.manifest, ELECTION.key, ELECTION.stationKey);
  }

  private int verify(Path box) {
    CommandLine cli = new CommandLine(new VerifyBoxCommand(this::inputs));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(
        "--box", box.toString(), "--password-file", password.toString(), "--station", "s1");
  }

  private int cast(Path box) {
    CommandLine cli = new CommandLine(new CastCommand(this::inputs, CLOCK));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(
        "--box",
        box.toString(),
        "--password-file",
        password.toString(),
        "--station",
        "s1",
        "--count",
        "3",
        "--seed",
        "1");
  }

  private static BallotBox open(Path box) {
    return BallotBox.open(
        box,
        PASSWORD.toCharArray(),
        ELECTION.manifest,
        ELECTION.key,
        "s1",
        ELECTION.stationKey,
        CLOCK);
  }

  @Test
  void anExistingBoxInAReadOnlyFolderIsRefusedForCastingAndVerifiedForReading() throws Exception {
    try (ReadOnlyMount mnt = mount()) {
      Path box = mnt.folder().resolve("box");
      assertThat(cast(box)).as(err.toString()).isZero();
      mnt.readOnly();
      Map<String, String> before = FolderDigest.of(mnt.folder());

      assertThat(cast(box)).as(err.toString()).isEqualTo(ExitCodes.NOT_WRITABLE);
      assertPlainWords(err.toString(), "cannot be written");
      assertThat(FolderDigest.of(mnt.folder())).as("the folder after cast").isEqualTo(before);

      assertThatThrownBy(() -> open(box).close())
          .isInstanceOfSatisfying(
              BallotBoxException.class,
              e -> {
                assertThat(e.kind())
                    .as(e.getMessage())
                    .isEqualTo(BallotBoxException.Kind.NOT_WRITABLE);
                assertPlainWords(e.getMessage(), "cannot be written");
              });
      assertThat(FolderDigest.of(mnt.folder())).as("the folder after open").isEqualTo(before);

      err.getBuffer().setLength(0);
      assertThat(verify(box)).as(err.toString()).isEqualTo(ExitCodes.OK);
      assertThat(out.toString()).contains("All 3 ballots verify.");
      assertPlainWords(err.toString(), "");
      assertThat(FolderDigest.of(mnt.folder())).as("the folder after verify-box").isEqualTo(before);
    }
  }

  @Test
  void noBoxIsCreatedInAReadOnlyFolder() throws Exception {
    try (ReadOnlyMount mnt = mount()) {
      mnt.readOnly();
      Path box = mnt.folder().resolve("box");

      assertThat(cast(box)).as(err.toString()).isEqualTo(ExitCodes.NOT_WRITABLE);
      assertPlainWords(err.toString(), "cannot be written");
      assertThatThrownBy(() -> open(box).close())
          .isInstanceOfSatisfying(
              BallotBoxException.class,
              e -> assertThat(e.kind()).isEqualTo(BallotBoxException.Kind.NOT_WRITABLE));
      err.getBuffer().setLength(0);
      assertThat(verify(box)).isEqualTo(ExitCodes.NO_BOX);
      assertPlainWords(err.toString(), "There is no ballot box at");
      assertThat(FolderDigest.of(mnt.folder())).isEmpty();
    }
  }

  private static void assertPlainWords(String text, String expected) {
    assertThat(text)
        .contains(expected)
        .doesNotContain("\tat ")
        .doesNotContain("Exception")
        .doesNotContain("Flyway")
        .doesNotContain("H2 error")
        .doesNotContain("org.h2")
        .doesNotContain("[9")
        .doesNotContain("SQL");
  }
}
