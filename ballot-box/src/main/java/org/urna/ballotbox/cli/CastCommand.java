package org.urna.ballotbox.cli;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotBoxException;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.cli.Progress;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.ElectionManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code urna cast}: casts random ballots into a ballot box, as a kiosk would (encrypt, store
 * pending, cast or challenge), with a progress line on stderr. For demos and load tests.
 */
@Command(
    name = "cast",
    mixinStandardHelpOptions = true,
    description = "Casts random ballots into a ballot box, as a kiosk would.")
public final class CastCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BoxOptions opts;

  @Option(
      names = "--count",
      defaultValue = "100",
      description = "Ballots to cast (${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--style", description = "Ballot style id (default: every style in turn).")
  String styleId;

  @Option(
      names = "--challenge-every",
      defaultValue = "0",
      description = "Challenge every n-th ballot instead of casting it (0: never).")
  int challengeEvery;

  @Option(names = "--seed", description = "Seed of the random choices (default: random).")
  Long seed;

  private final Supplier<ElectionInputs> inputs;
  private final Clock clock;

  /** For the {@code urna} CLI: the election comes from the {@code --election} folder. */
  public CastCommand() {
    this.inputs = null;
    this.clock = Clock.systemUTC();
  }

  /** With the election and station key supplied by the caller ({@code --election} is ignored). */
  public CastCommand(Supplier<ElectionInputs> inputs) {
    this(inputs, Clock.systemUTC());
  }

  CastCommand(Supplier<ElectionInputs> inputs, Clock clock) {
    this.inputs = inputs;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (count < 0 || challengeEvery < 0) {
      err.println("--count and --challenge-every must not be negative.");
      return 2;
    }
    ElectionInputs in;
    try {
      in = opts.inputs(inputs);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    ElectionManifest manifest = in.manifest();
    List<BallotStyle> styles =
        styleId == null
            ? manifest.ballotStyles()
            : List.of(
                manifest
                    .ballotStyle(styleId)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "There is no ballot style " + styleId + " in the election.")));
    long hour = hour(manifest, err);
    char[] password;
    try {
      password = opts.password();
    } catch (BoxPasswords.PasswordFileException e) {
      err.println(e.getMessage());
      return ExitCodes.PASSWORD_FILE;
    }
    SecureRandom secure = new SecureRandom();
    RandomBallots choices =
        new RandomBallots(manifest, seed == null ? new Random() : new Random(seed));
    BallotEncryptor encryptor = new BallotEncryptor(manifest, in.key());
    try (BallotBox ballotBox =
        BallotBox.open(
            opts.box, password, manifest, in.key(), opts.stationId, in.stationKey(), clock)) {
      if (!ballotBox.pendingAtOpen().isEmpty()) {
        err.println(ballotBox.pendingAtOpen().size() + " pending ballot(s) found: voided.");
        ballotBox.voidPending(in.stationKey());
      }
      try (Progress progress = Progress.onStderr("ballots", count)) {
        castAll(ballotBox, in, encryptor, choices, styles, hour, secure, progress);
      }
      var counts = ballotBox.counts();
      spec.commandLine()
          .getOut()
          .printf(
              "%d cast, %d challenged in the box; last tracking code %s%n",
              counts.cast(), counts.challenged(), ballotBox.lastTrackingCode().display());
      return 0;
    } catch (BallotBoxException e) {
      return ExitCodes.refused(err, e);
    }
  }

  private void castAll(
      BallotBox ballotBox,
      ElectionInputs in,
      BallotEncryptor encryptor,
      RandomBallots choices,
      List<BallotStyle> styles,
      long hour,
      SecureRandom secure,
      Progress progress) {
    for (int i = 1; i <= count; i++) {
      PlaintextBallot plaintext = choices.next(styles.get(i % styles.size()));
      NonceSeed nonceSeed = NonceSeed.random(secure);
      EncryptedBallot ballot =
          encryptor.encrypt(plaintext, BallotId.random(secure), opts.stationId, hour, nonceSeed);
      ballotBox.storePending(ballot, nonceSeed);
      nonceSeed.destroy(); // the box keeps what a challenge needs; no copy stays in this process
      if (challengeEvery > 0 && i % challengeEvery == 0) {
        ballotBox.challenge(ballot.ballotId(), plaintext, in.stationKey());
      } else {
        ballotBox.cast(ballot.ballotId(), in.stationKey());
      }
      progress.step(1);
    }
  }

  /** This hour when the polls are open; else the first hour of the voting window (a demo). */
  private long hour(ElectionManifest manifest, PrintWriter err) {
    long now = clock.instant().getEpochSecond() / 3600;
    if (manifest.votingWindow().containsHour(now)) {
      return now;
    }
    err.println("The polls are not open now: ballots carry the first hour of the voting window.");
    return manifest.votingWindow().opens().getEpochSecond() / 3600;
  }
}
