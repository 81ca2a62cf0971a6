package org.urna.tally.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.election.ElectionPackage;
import org.urna.tally.ledger.LedgerFollower;
import org.urna.tally.ledger.LedgerRefusal;
import org.urna.tlog.TrustPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code urna verify-ledger}: follows a live ledger, verifying only what is new at each checkpoint
 * and keeping the running encrypted totals in a state folder (docs/spec/trustees.md 6.6).
 */
@Command(
    name = "verify-ledger",
    mixinStandardHelpOptions = true,
    description = {
      "Follows a live ledger: at each new checkpoint cosigned by a quorum of the policy, proves"
          + " from the hash tiles that it extends the one verified before (a fork or a rewritten"
          + " past is an alarm naming the validators that cosigned it), downloads only the new"
          + " entries, verifies every new ballot and station event, and adds the cast ballots into"
          + " running encrypted totals.",
      "Keeps its state in --state (resumed after a restart; a damaged state is refused) and"
          + " writes <state>/encrypted-totals.json after each round: the same file 'urna"
          + " tally-ledger' writes from a full download of that checkpoint.",
      "One line per new checkpoint; exits 1 at the first failure, naming the entry; 3 with"
          + " --once when no validator answered."
    })
public final class VerifyLedgerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--ledger",
      required = true,
      split = ",",
      arity = "1..*",
      description = "Validator URLs (http://host:port); a bad tile is fetched again from the next.")
  List<URI> ledger;

  @Option(
      names = "--policy",
      required = true,
      description =
          "The election's tlog-policy file (validators' keys, quorum); never the ledger's.")
  Path policy;

  @Option(names = "--package", required = true, description = "The signed election package.")
  Path packageFile;

  @Option(
      names = "--trust",
      required = true,
      description = "SHA-256 fingerprint (64 hex) of the authority root the package loads under.")
  String trust;

  @Option(
      names = "--state",
      required = true,
      description = "The folder where what was verified is kept (created when missing).")
  Path state;

  @Option(names = "--once", description = "One round, then exit (0 when everything verified).")
  boolean once;

  @Option(
      names = "--every",
      defaultValue = "10",
      description = "Seconds between rounds without --once (default ${DEFAULT-VALUE}).")
  int every;

  @Option(names = "--threads", description = "Threads for the ballot proofs (default: every core).")
  Integer threads;

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    java.io.PrintWriter err = spec.commandLine().getErr();
    if (every < 1) {
      err.println("--every is a number of seconds, at least 1.");
      return 1;
    }
    Optional<LedgerCommandInputs> inputs =
        LedgerCommandInputs.load(policy, packageFile, trust, err::println, "");
    if (inputs.isEmpty()) {
      return 1;
    }
    TrustPolicy trustPolicy = inputs.get().policy();
    ElectionPackage pkg = inputs.get().pkg();
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    LedgerFollower follower;
    try {
      follower =
          new LedgerFollower(
              ledger,
              trustPolicy,
              pkg.manifest(),
              new ElectionKey(pkg.electionKey(), pkg.extendedHash()),
              n,
              state,
              out::println);
    } catch (LedgerRefusal e) {
      err.println("Refused: " + e.getMessage());
      return 1;
    }
    if (follower.verifiedSize() > 0) {
      out.println(
          "Resuming after the checkpoint of size " + follower.verifiedSize() + " (" + state + ")");
    }
    boolean closedSaid = false;
    while (true) {
      try {
        LedgerFollower.Round r = follower.round();
        if (r.newEntries() > 0 || once) {
          out.println(line(r));
        }
        if (r.everyStationClosed() && !closedSaid) {
          closedSaid = true;
          out.println(
              "Every station has closed its polls: "
                  + state.resolve("encrypted-totals.json")
                  + " holds the totals of "
                  + r.cast()
                  + " cast ballots.");
        }
      } catch (LedgerRefusal e) {
        err.println("Refused: " + e.getMessage());
        return 1;
      } catch (LedgerFollower.Unreachable e) {
        err.println(e.getMessage());
        if (once) {
          return 3;
        }
      } catch (IOException e) {
        err.println("Cannot write the state into " + state + ": " + e.getMessage());
        return 1;
      }
      if (once) {
        return 0;
      }
      try {
        Thread.sleep(every * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }

  static String line(LedgerFollower.Round r) {
    Map<String, Long> st = r.stationBallots();
    String stations =
        st.size() <= 8
            ? st.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "))
            : st.size() + " stations";
    return String.format(
        Locale.ROOT,
        "checkpoint %d: %d new entries (%d ballots, %d events) verified in %.2f s, %.0f ballots/s;"
            + " %d cast in the totals; ballots by station: %s",
        r.checkpoint().size(),
        r.newEntries(),
        r.newBallots(),
        r.newEvents(),
        r.seconds(),
        r.seconds() > 0 ? r.newBallots() / r.seconds() : 0.0,
        r.cast(),
        stations.isEmpty() ? "none yet" : stations);
  }
}
