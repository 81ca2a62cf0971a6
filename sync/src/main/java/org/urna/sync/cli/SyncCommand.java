package org.urna.sync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotBoxException;
import org.urna.ballotbox.cli.ElectionInputs;
import org.urna.sync.SyncConfig;
import org.urna.sync.SyncService;
import org.urna.sync.SyncStatus;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.TrustPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code urna sync}: sends a ballot box's outbox to the ledger and confirms every ballot by its
 * inclusion proof, with the kiosk's own sync code ({@link SyncService}, docs/spec/sync.md), so that
 * a box cast by {@code urna cast} reaches a ledger. Runs rounds until every recorded ballot is
 * confirmed (exit 0), an alarm is raised (exit 1), or the time runs out (exit 1).
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description =
        "Sends a ballot box's ballots to the ledger and confirms each by its inclusion proof,"
            + " as the kiosk does.")
public final class SyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--box", required = true, description = "Ballot box file (without .mv.db).")
  Path box;

  @Option(
      names = "--password-file",
      required = true,
      description = "File whose first line is the ballot box password.")
  Path passwordFile;

  @Option(names = "--station", required = true, description = "Station id.")
  String stationId;

  @Option(
      names = "--election",
      defaultValue = "urna-demo",
      description =
          "Folder written by 'urna sample-election': package, trust anchor, station key"
              + " (default: ${DEFAULT-VALUE}).")
  Path electionFolder;

  @Option(
      names = "--ledger",
      required = true,
      split = ",",
      arity = "1..*",
      description = "Validator URLs, tried in turn (http://host:port).")
  List<URI> ledger;

  @Option(
      names = "--policy",
      required = true,
      description =
          "The tlog-policy file naming the log and validator keys to trust (never taken from the"
              + " ledger).")
  Path policy;

  @Option(names = "--state", description = "Sync state folder (default: <box>.sync).")
  Path state;

  @Option(
      names = "--batch",
      defaultValue = "100",
      description = "Ballots per upload (${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--timeout",
      defaultValue = "300",
      description = "Seconds to wait until every ballot is confirmed (${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (batch < 1 || batch > 10_000 || timeoutSeconds < 1) {
      err.println("--batch is 1 to 10000 and --timeout at least 1 second.");
      return 2;
    }
    ElectionInputs in;
    TrustPolicy trust;
    char[] password;
    try {
      in = ElectionInputs.fromFolder(electionFolder, stationId);
      trust = TrustPolicy.parse(Files.readAllBytes(policy));
      List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.getFirst().isEmpty()) {
        err.println("The password file " + passwordFile + " is empty.");
        return 2;
      }
      password = lines.getFirst().toCharArray();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("Cannot read " + e.getMessage());
      return 2;
    } catch (LedgerFormatException e) {
      err.println("The policy file " + policy + " is not a tlog-policy: " + e.getMessage());
      return 2;
    }
    Path stateDir = state != null ? state : box.resolveSibling(box.getFileName() + ".sync");
    SyncConfig config =
        SyncConfig.builder()
            .endpoints(ledger)
            .policy(trust)
            .stateDirectory(stateDir)
            .batchSize(batch)
            .build();
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    try (BallotBox b =
            BallotBox.open(box, password, in.manifest(), in.key(), stationId, in.stationKey());
        SyncService sync = SyncService.open(b, config)) {
      while (true) {
        Duration wait = sync.runOnce();
        SyncStatus s = sync.status();
        if (s.alarm().isPresent()) {
          err.println(
              "Sync alarm "
                  + s.alarm().get().alarm().kind()
                  + ": "
                  + s.alarm().get().alarm().details());
          return 1;
        }
        if (s.pending() == 0 && s.submitted() == 0) {
          out.printf(
              "%d ballots confirmed on the ledger%s%n",
              s.confirmed(),
              s.lastCheckpoint().map(c -> " (checkpoint of size " + c.size() + ")").orElse(""));
          return 0;
        }
        if (System.nanoTime() > deadline) {
          err.printf(
              "Not every ballot is confirmed after %d s: %d pending, %d sent and waiting for a"
                  + " proof%s.%n",
              timeoutSeconds,
              s.pending(),
              s.submitted(),
              s.lastError().map(e -> "; last error: " + e.words()).orElse(""));
          return 1;
        }
        Thread.sleep(Math.min(Math.max(wait.toMillis(), 20), 500));
      }
    } catch (BallotBoxException e) {
      err.println(e.getMessage());
      return 1;
    }
  }
}
