package org.urna.ballotbox.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotBoxException;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.cli.Progress;
import org.urna.core.verify.BallotVerifier;
import org.urna.core.verify.BatchVerifier;
import org.urna.core.verify.RecordVerifier;
import org.urna.core.verify.Step;
import org.urna.core.verify.VerificationFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code urna verify-box}: checks every ballot of a ballot box, every proof, signature and chain
 * link, and prints one line per verification step of the spec.
 */
@Command(
    name = "verify-box",
    mixinStandardHelpOptions = true,
    description =
        "Verifies every ballot in a ballot box (steps V1-V10 of docs/spec/ballot-cryptography.md).")
public final class VerifyBoxCommand implements Callable<Integer> {
  private static final int CHUNK = 512;

  @Spec CommandSpec spec;

  @Mixin BoxOptions opts;

  private final Supplier<ElectionInputs> inputs;

  /** For the {@code urna} CLI: the election comes from the {@code --election} folder. */
  public VerifyBoxCommand() {
    this(null);
  }

  /** With the election supplied by the caller ({@code --election} is then ignored). */
  public VerifyBoxCommand(Supplier<ElectionInputs> inputs) {
    this.inputs = inputs;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ElectionInputs in;
    try {
      in = opts.inputs(inputs);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    List<RecordedBallot> ballots = new ArrayList<>();
    long confirmed;
    // Read-only: verification never creates, repairs, compacts or appends anything.
    try (BallotBox b =
        BallotBox.openReadOnly(
            opts.box, opts.password(), in.manifest(), in.key(), opts.stationId)) {
      b.forEachRecorded(ballots::add);
      confirmed = b.outboxCounts().confirmed();
    } catch (BoxPasswords.PasswordFileException e) {
      err.println(e.getMessage());
      return ExitCodes.PASSWORD_FILE;
    } catch (BallotBoxException e) {
      return ExitCodes.refused(err, e);
    }
    out.println(
        "The ballot box opened: its chains were intact and not behind its signed head ("
            + ballots.size()
            + " ballots).");
    out.println(
        confirmed
            + " ledger confirmations re-checked (inclusion proofs against the stored checkpoints;"
            + " the checkpoints' cosignatures are checked by sync against the trust policy).");
    BatchVerifier batch = new BatchVerifier(new BallotVerifier(in.manifest(), in.key()));
    List<VerificationFailure> failures = new ArrayList<>();
    try (Progress progress = Progress.onStderr("ballots verified", ballots.size())) {
      for (int i = 0; i < ballots.size(); i += CHUNK) {
        List<RecordedBallot> chunk = ballots.subList(i, Math.min(ballots.size(), i + CHUNK));
        failures.addAll(batch.verify(chunk));
        progress.step(chunk.size());
      }
    }
    failures.addAll(new RecordVerifier(in.key()).verifySequence(ballots));
    Map<Step, Integer> byStep = new EnumMap<>(Step.class);
    failures.forEach(f -> byStep.merge(f.step(), 1, Integer::sum));
    for (Step s : Step.values()) {
      if (s == Step.V11) {
        break;
      }
      int n = byStep.getOrDefault(s, 0);
      out.printf("%-4s %-68s %s%n", s, s.title(), n == 0 ? "ok" : "FAILED (" + n + ")");
    }
    failures.forEach(f -> out.println("  " + f.message()));
    out.println(
        failures.isEmpty()
            ? "All " + ballots.size() + " ballots verify."
            : failures.size() + " problem(s) found.");
    return failures.isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }
}
