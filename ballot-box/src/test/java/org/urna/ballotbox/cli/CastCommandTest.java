package org.urna.ballotbox.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotCounts;
import org.urna.core.ballot.TestElection;
import org.urna.core.verify.BallotVerifier;
import picocli.CommandLine;

class CastCommandTest {
  private static final TestElection ELECTION = new TestElection();
  @TempDir Path dir;

  @Test
  void castsTheAskedNumberOfVerifiableBallotsAndReportsTheLastTrackingCode() throws Exception {
    Path password = dir.resolve("password");
    Files.writeString(password, "a-long-box-password\n");
    Clock clock = Clock.fixed(Instant.parse("2026-09-20T08:30:00Z"), ZoneOffset.UTC);
    StringWriter out = new StringWriter();
    CommandLine cli =
        new CommandLine(
            new CastCommand(
                () -> new ElectionInputs(ELECTION.manifest, ELECTION.key, ELECTION.stationKey),
                clock));
    cli.setOut(new PrintWriter(out));
    int exit =
        cli.execute(
            "--box", dir.resolve("box").toString(),
            "--password-file", password.toString(),
            "--station", "s1",
            "--count", "6",
            "--challenge-every", "3",
            "--seed", "42");
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("4 cast, 2 challenged").contains("last tracking code");
    try (BallotBox box =
        BallotBox.open(
            dir.resolve("box"),
            "a-long-box-password".toCharArray(),
            ELECTION.manifest,
            ELECTION.key,
            "s1",
            ELECTION.stationKey,
            clock)) {
      assertThat(box.counts()).isEqualTo(new BallotCounts(4, 2, 0));
      BallotVerifier verifier = new BallotVerifier(ELECTION.manifest, ELECTION.key);
      box.forEachRecorded(rb -> assertThat(verifier.verify(rb)).isEmpty());
      assertThat(out.toString()).contains(box.lastTrackingCode().display());
    }
  }

  @Test
  void aWrongPasswordIsReportedInWordsWithItsExitCode() throws Exception {
    Path password = dir.resolve("password");
    Files.writeString(password, "a-long-box-password\n");
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "another-password\n");
    var inputs = new ElectionInputs(ELECTION.manifest, ELECTION.key, ELECTION.stationKey);
    String[] common = {"--box", dir.resolve("box").toString(), "--station", "s1", "--count", "1"};
    assertThat(
            new CommandLine(new CastCommand(() -> inputs))
                .execute(concat(common, "--password-file", password.toString())))
        .isZero();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new CastCommand(() -> inputs));
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(concat(common, "--password-file", wrong.toString())))
        .isEqualTo(ExitCodes.WRONG_PASSWORD);
    assertThat(err.toString()).contains("password does not open the ballot box");
  }

  @Test
  void castsIntoABoxOfTheElectionWrittenBySampleElection() throws Exception {
    Path folder = dir.resolve("urna-demo");
    org.urna.core.election.SampleElection.create().writeTo(folder);
    Path password = dir.resolve("password");
    Files.writeString(password, "a-long-box-password\n");
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new CastCommand());
    cli.setOut(new PrintWriter(out));
    int exit =
        cli.execute(
            "--election", folder.toString(),
            "--box", dir.resolve("box").toString(),
            "--password-file", password.toString(),
            "--station", "uik-1701",
            "--count", "3");
    assertThat(exit).isZero();
    assertThat(out.toString()).contains("3 cast, 0 challenged");
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
