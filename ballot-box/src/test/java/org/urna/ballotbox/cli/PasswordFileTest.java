package org.urna.ballotbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.urna.core.ballot.TestElection;
import picocli.CommandLine;

/**
 * A password file that cannot give a password (a folder, a pipe, a dangling link, a device, only a
 * newline, too large) is named in plain words with exit code 4 by {@code verify-box}, {@code cast}
 * and {@code export-log}; no box is created and an existing box is not changed. Tests run as root,
 * for whom a file of mode 000 is readable: the unreadable files here are the kinds root cannot read
 * either.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PasswordFileTest {
  private static final TestElection ELECTION = new TestElection();
  private static final String PASSWORD = "a-long-box-password";
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-09-20T08:30:00Z"), ZoneOffset.UTC);
  @TempDir Path dir;
  private Path boxes;
  private Path box;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void aBoxWithThreeBallots() throws Exception {
    boxes = dir.resolve("boxes");
    Files.createDirectories(boxes);
    box = boxes.resolve("box");
    Path good = dir.resolve("password");
    Files.writeString(good, PASSWORD + "\n");
    assertThat(cast(box, good)).as(err.toString()).isZero();
    assertThat(verify(box, good)).as(err.toString()).isEqualTo(ExitCodes.OK);
    err.getBuffer().setLength(0);
  }

  private ElectionInputs inputs() {
    return new ElectionInputs(ELECTION.manifest, ELECTION.key, ELECTION.stationKey);
  }

  private CommandLine cli(Object command) {
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }

  private int verify(Path box, Path passwordFile) {
    return cli(new VerifyBoxCommand(this::inputs))
        .execute(
            "--box", box.toString(), "--password-file", passwordFile.toString(), "--station", "s1");
  }

  private int cast(Path box, Path passwordFile) {
    return cli(new CastCommand(this::inputs, CLOCK))
        .execute(
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

  private int exportLog(Path box, Path passwordFile) {
    return cli(new ExportLogCommand(this::inputs, CLOCK))
        .execute(
            "--box",
            box.toString(),
            "--password-file",
            passwordFile.toString(),
            "--station",
            "s1",
            "--out",
            dir.resolve("log.xml").toString());
  }

  /** Each command refuses the file with exit 4 and {@code words}; nothing is created or changed. */
  private void refused(Path passwordFile, String words) throws Exception {
    Map<String, String> before = FolderDigest.of(boxes);
    Path fresh = dir.resolve("fresh").resolve("box");
    for (int exit :
        new int[] {
          verify(box, passwordFile),
          cast(box, passwordFile),
          cast(fresh, passwordFile),
          exportLog(box, passwordFile)
        }) {
      assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.PASSWORD_FILE);
    }
    assertThat(err.toString())
        .contains(words)
        .contains(passwordFile.toString())
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(FolderDigest.of(boxes)).as("the box's folder").isEqualTo(before);
    assertThat(fresh.getParent()).doesNotExist();
    assertThat(dir.resolve("log.xml")).doesNotExist();
  }

  @Test
  void aFolderGivenAsThePasswordFile() throws Exception {
    Path folder = dir.resolve("secrets");
    Files.createDirectories(folder);
    refused(folder, "is a folder");
  }

  @Test
  void aPipeGivenAsThePasswordFileIsRefusedWithoutWaitingForAWriter() throws Exception {
    Path fifo = dir.resolve("password.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();
    refused(fifo, "is not a regular file");
  }

  @Test
  void aDeviceGivenAsThePasswordFileIsRefusedWithoutReadingIt() throws Exception {
    refused(Path.of("/dev/zero"), "is not a regular file");
  }

  @Test
  void aLinkToAFileThatIsGone() throws Exception {
    Path link = dir.resolve("password.link");
    Files.createSymbolicLink(link, dir.resolve("moved-away"));
    refused(link, "a link to");
    assertThat(err.toString()).contains("moved-away").contains("does not exist");
  }

  @Test
  void aPasswordFileWithOnlyANewline() throws Exception {
    Path newline = dir.resolve("newline");
    Files.writeString(newline, "\n");
    refused(newline, "is empty");
    Path crlf = dir.resolve("crlf");
    Files.writeString(crlf, "\r\n" + PASSWORD + "\n");
    refused(crlf, "is empty");
  }

  @Test
  void aFileFarTooLargeToBeAPasswordFileIsNotReadWhole() throws Exception {
    Path large = dir.resolve("large");
    Files.write(large, new byte[1 << 20]);
    refused(large, "too large");
  }

  @Test
  void aPasswordFileWrittenOnWindowsOrReachedByALinkStillOpensTheBox() throws Exception {
    Path crlf = dir.resolve("windows");
    Files.writeString(crlf, PASSWORD + "\r\n");
    assertThat(verify(box, crlf)).as(err.toString()).isEqualTo(ExitCodes.OK);
    Path link = dir.resolve("link");
    Files.createSymbolicLink(link, crlf);
    assertThat(verify(box, link)).as(err.toString()).isEqualTo(ExitCodes.OK);
  }
}
