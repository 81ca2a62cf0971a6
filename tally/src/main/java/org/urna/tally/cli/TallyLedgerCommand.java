package org.urna.tally.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.election.ElectionPackage;
import org.urna.tally.files.TrusteeFiles;
import org.urna.tally.ledger.LedgerFolder;
import org.urna.tally.ledger.LedgerRefusal;
import org.urna.tally.ledger.LedgerTally;
import org.urna.tlog.TrustPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code urna tally-ledger}: a downloaded ledger checked again under the pinned policy, every
 * ballot verified, the cast ones added into {@code encrypted-totals.json} for {@code urna trustee
 * decrypt} and {@code urna tally-combine} (docs/spec/trustees.md 6.5, 6.2).
 */
@Command(
    name = "tally-ledger",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a downloaded ledger (checkpoints under the policy, entries against their roots),"
          + " verifies every ballot on all cores and adds the cast ones into"
          + " encrypted-totals.json; challenged ballots are never counted.",
      "Refuses, naming the ballot, when any ballot fails a check."
    })
public final class TallyLedgerCommand implements Callable<Integer> {
  @Option(
      names = "--ledger",
      required = true,
      description = "The folder written by 'urna ledger-download'.")
  Path ledger;

  @Option(
      names = "--policy",
      required = true,
      description = "The election's tlog-policy file (not the folder's copy).")
  Path policy;

  @Option(names = "--package", required = true, description = "The signed election package.")
  Path packageFile;

  @Option(
      names = "--trust",
      required = true,
      description = "SHA-256 fingerprint (64 hex) of the authority root the package loads under.")
  String trust;

  @Option(
      names = "--out",
      required = true,
      description = "Where to write encrypted-totals.json (a new file).")
  Path out;

  @Option(names = "--threads", description = "Threads for the ballot proofs (default: every core).")
  Integer threads;

  @Override
  public Integer call() {
    Optional<LedgerCommandInputs> inputs =
        LedgerCommandInputs.load(
            policy, packageFile, trust, System.err::println, " Nothing was written.");
    if (inputs.isEmpty()) {
      return 1;
    }
    TrustPolicy trustPolicy = inputs.get().policy();
    ElectionPackage pkg = inputs.get().pkg();
    if (Files.exists(out)) {
      System.err.println(out + " already exists: give a new file. Nothing was written.");
      return 1;
    }
    try {
      LedgerFolder.Contents c = LedgerFolder.read(ledger, trustPolicy);
      System.out.println(
          c.entries().size()
              + " entries under the checkpoint of size "
              + c.newest().size()
              + ", root "
              + c.newest().root().base64()
              + " (cosigned by a quorum; the entries hash to every checkpoint's root)");
      ElectionKey key = new ElectionKey(pkg.electionKey(), pkg.extendedHash());
      int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
      LedgerTally.Result r = new LedgerTally(pkg.manifest(), key, n).tally(c.entries());
      byte[] file = TrusteeFiles.writeTotals(pkg.extendedHash(), r.totals());
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      Files.write(out, file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      System.out.println("Every ballot verifies (V1-V10).");
      for (Map.Entry<String, long[]> s : r.stations().entrySet()) {
        System.out.printf(
            "  station %-20s %,d cast, %,d challenged%n",
            s.getKey(), s.getValue()[0], s.getValue()[1]);
      }
      System.out.println(
          r.cast() + " cast ballots added into " + r.totals().size() + " encrypted totals: " + out);
      return 0;
    } catch (LedgerRefusal e) {
      System.err.println("Refused: " + e.getMessage());
      return 1;
    } catch (FileAlreadyExistsException e) {
      System.err.println(out + " already exists: give a new file. Nothing was written.");
      return 1;
    } catch (IOException e) {
      System.err.println("Cannot write " + out + ": " + e.getMessage());
      return 1;
    }
  }
}
