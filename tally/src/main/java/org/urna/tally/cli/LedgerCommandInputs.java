package org.urna.tally.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.ElectionPackageException;
import org.urna.core.election.TrustAnchor;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.TrustPolicy;

/**
 * What tally-ledger and verify-ledger read before touching a ledger: the election's tlog-policy and
 * its signed package ({@link PackageAtOpening}), each refusal said in one line.
 *
 * @param policy the validators' keys and quorum
 * @param pkg the election package, checked at its voting window's opening
 */
record LedgerCommandInputs(TrustPolicy policy, ElectionPackage pkg) {
  /**
   * Reads both; on a refusal writes its line to {@code err} and returns empty. {@code afterMissing}
   * follows the sentence about a missing file (" Nothing was written." for a command that writes).
   */
  static Optional<LedgerCommandInputs> load(
      Path policyFile, Path packageFile, String trust, Consumer<String> err, String afterMissing) {
    try {
      TrustPolicy policy = TrustPolicy.parse(Files.readAllBytes(policyFile));
      byte[] bytes = Files.readAllBytes(packageFile);
      return Optional.of(
          new LedgerCommandInputs(
              policy, PackageAtOpening.load(bytes, TrustAnchor.fromHex(trust))));
    } catch (NoSuchFileException e) {
      err.accept("There is no file " + e.getFile() + "." + afterMissing);
    } catch (IOException e) {
      err.accept("Cannot read " + e.getMessage());
    } catch (LedgerFormatException e) {
      err.accept("The policy file " + policyFile + " is not a tlog-policy: " + e.getMessage());
    } catch (ElectionPackageException | RuntimeException e) {
      err.accept("The election package was refused: " + e.getMessage());
    }
    return Optional.empty();
  }
}
