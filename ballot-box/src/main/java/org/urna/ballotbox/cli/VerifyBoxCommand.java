package org.urna.ballotbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotBoxException;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.cli.Progress;
import org.urna.core.verify.BallotVerifier;
import org.urna.core.verify.BatchVerifier;
import org.urna.core.verify.RecordVerifier;
import org.urna.core.verify.Step;
import org.urna.core.verify.VerificationFailure;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.SignedNote;
import org.urna.tlog.TrustPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code urna verify-box}: checks every ballot of a ballot box, every proof, signature and chain
 * link, and prints one line per verification step of the spec. With {@code --policy}, every stored
 * ledger confirmation's checkpoint must also be signed by a log and cosigned by a quorum of the
 * validators that trust policy names (docs/spec/ballot-box.md section 8).
 */
@Command(
    name = "verify-box",
    mixinStandardHelpOptions = true,
    description =
        "Verifies every ballot in a ballot box (steps V1-V10 of docs/spec/ballot-cryptography.md).")
public final class VerifyBoxCommand implements Callable<Integer> {
  private static final int CHUNK = 512;

  /**
   * The exit code when a stored ledger confirmation's checkpoint is not trusted under {@code
   * --policy} (docs/spec/ballot-box.md section 8; the other codes are {@link ExitCodes}').
   */
  public static final int UNTRUSTED_CONFIRMATION = 14;

  @Spec CommandSpec spec;

  @Mixin BoxOptions opts;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "The ledger trust policy the station trusts (C2SP tlog-policy, as given to sync): every"
              + " stored confirmation's checkpoint must be signed by its log and cosigned by a"
              + " quorum under it. Without it, the cosignatures are not checked.")
  Path policyFile;

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
    TrustPolicy policy = null;
    if (policyFile != null) {
      try {
        policy = TrustPolicy.parse(Files.readAllBytes(policyFile));
      } catch (NoSuchFileException e) {
        err.println("There is no trust policy file " + policyFile + ".");
        return ExitCodes.USAGE;
      } catch (IOException e) {
        err.println("The trust policy " + policyFile + " cannot be read: " + e.getMessage());
        return ExitCodes.USAGE;
      } catch (LedgerFormatException e) {
        err.println(
            "The file " + policyFile + " is not a ledger trust policy: " + e.getMessage() + ".");
        return ExitCodes.USAGE;
      }
    }
    List<RecordedBallot> ballots = new ArrayList<>();
    long confirmed;
    Map<BallotId, String> untrusted = Map.of();
    // Read-only: verification never creates, repairs, compacts or appends anything.
    try (BallotBox b =
        BallotBox.openReadOnly(
            opts.box, opts.password(), in.manifest(), in.key(), opts.stationId)) {
      b.forEachRecorded(ballots::add);
      confirmed = b.outboxCounts().confirmed();
      if (policy != null) {
        untrusted = b.confirmationsRefusedBy(trustedUnder(policy));
      }
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
    if (policy == null) {
      out.println(
          confirmed
              + " ledger confirmations re-checked: inclusion proofs against the stored checkpoints."
              + " The checkpoints' signatures and cosignatures were NOT checked (no --policy).");
    } else {
      out.println(
          confirmed
              + " ledger confirmations re-checked: inclusion proofs against the stored checkpoints,"
              + " and each checkpoint's log signature and quorum of cosignatures under the trust"
              + " policy "
              + policyFile
              + ": "
              + (untrusted.isEmpty() ? "all trusted." : untrusted.size() + " NOT trusted."));
      untrusted.forEach(
          (id, why) ->
              out.println(
                  "  the confirmation of ballot " + id.toHex() + " is not trusted: " + why));
    }
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
    if (!untrusted.isEmpty()) {
      out.println(
          untrusted.size()
              + " ledger confirmation(s) are not trusted under the trust policy (listed above):"
              + " their checkpoint lacks a trusted log signature or a quorum of cosignatures.");
      return UNTRUSTED_CONFIRMATION;
    }
    return failures.isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
  }

  /** A stored checkpoint note is trusted when it parses and {@code policy} accepts it. */
  private static BallotBox.CheckpointCheck trustedUnder(TrustPolicy policy) {
    return note -> {
      try {
        return switch (policy.check(SignedNote.parse(note))) {
          case TrustPolicy.Verdict.Trusted t -> Optional.empty();
          case TrustPolicy.Verdict.Untrusted u -> Optional.of(u.why());
        };
      } catch (LedgerFormatException e) {
        return Optional.of("its stored checkpoint note is not a signed note: " + e.getMessage());
      }
    };
  }
}
