package org.urna.ballotbox.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotBoxException;
import org.urna.core.crypto.ElGamalSecretKey;
import org.urna.core.crypto.Scalar;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ReferendumContest;
import org.urna.core.tally.EncryptedTally;
import org.urna.core.tally.SelectionTotal;
import org.urna.core.tally.TallyDecryptor;
import org.urna.core.tally.TallyVerifier;
import org.urna.core.verify.VerificationFailure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code urna tally}: adds the cast ballots of a box homomorphically, decrypts the totals with the
 * election secret key (the single-key demo path), checks its own decryption proofs (V11, V12) and
 * prints the results.
 */
@Command(
    name = "tally",
    mixinStandardHelpOptions = true,
    description =
        "Decrypts the totals of a ballot box with the election secret key and prints them.")
public final class TallyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BoxOptions opts;

  @Option(
      names = "--secret-file",
      required = true,
      description = "File with the election secret key in hex (the demo key).")
  Path secretFile;

  @Option(names = "--lang", defaultValue = "en", description = "Language of the names (en).")
  String language;

  private final Supplier<ElectionInputs> inputs;

  /** For the {@code urna} CLI: the election comes from the {@code --election} folder. */
  public TallyCommand() {
    this(null);
  }

  /** With the election supplied by the caller ({@code --election} is then ignored). */
  public TallyCommand(Supplier<ElectionInputs> inputs) {
    this.inputs = inputs;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ElectionInputs in;
    try {
      in = opts.inputs(inputs);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    ElectionManifest m = in.manifest();
    ElGamalSecretKey secret =
        new ElGamalSecretKey(
            Scalar.fromHex(Files.readString(secretFile, StandardCharsets.UTF_8).trim()));
    EncryptedTally tally = new EncryptedTally(m);
    try (BallotBox b =
        BallotBox.openReadOnly(opts.box, opts.password(), m, in.key(), opts.stationId)) {
      b.forEachRecorded(tally::add);
    } catch (BoxPasswords.PasswordFileException e) {
      err.println(e.getMessage());
      return ExitCodes.PASSWORD_FILE;
    } catch (BallotBoxException e) {
      return ExitCodes.refused(err, e);
    }
    List<SelectionTotal> totals;
    try {
      totals = new TallyDecryptor(m, in.key(), secret).decrypt(tally);
    } catch (IllegalArgumentException e) {
      err.println("This is not the election's secret key: " + e.getMessage());
      return 1;
    }
    List<VerificationFailure> failures = new TallyVerifier(in.key()).verify(tally, totals);
    out.println(m.title().in(language, m.defaultLanguage()));
    out.println(tally.castBallots() + " cast ballots counted.");
    for (Contest c : m.contests()) {
      out.println();
      out.println(c.title().in(language, m.defaultLanguage()));
      for (SelectionTotal t : totals) {
        if (t.contestId().equals(c.id())) {
          out.printf("  %8d  %s%n", t.count(), name(c, t.selectionId(), m));
        }
      }
    }
    out.println();
    out.println(
        failures.isEmpty()
            ? "Every total is proven (V11, V12)."
            : "PROBLEMS: " + failures.stream().map(VerificationFailure::message).toList());
    return failures.isEmpty() ? 0 : 1;
  }

  private String name(Contest c, String selectionId, ElectionManifest m) {
    return switch (c) {
      case CandidateContest cc ->
          cc.candidates().stream()
              .filter(x -> x.id().equals(selectionId))
              .findFirst()
              .map(x -> x.name().in(language, m.defaultLanguage()))
              .orElse(selectionId);
      case ReferendumContest rc ->
          (ReferendumContest.YES.equals(selectionId) ? rc.yes() : rc.no())
              .in(language, m.defaultLanguage());
    };
  }
}
