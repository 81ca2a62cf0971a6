package org.urna.tally.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.urna.tally.Combiner;
import org.urna.tally.DecryptionShareSet;
import org.urna.tally.EncryptedTotal;
import org.urna.tally.JointKey;
import org.urna.tally.ThresholdTotal;
import org.urna.tally.TrusteeException;
import org.urna.tally.TrusteeFailure;
import org.urna.tally.files.CeremonyFolder;
import org.urna.tally.files.FileFormatException;
import org.urna.tally.files.TrusteeFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code urna tally-combine}: any k trustees' decryption shares into the counts (a command of its
 * own because {@code urna tally}, the single-key path, has required options of its own).
 */
@Command(
    name = "tally-combine",
    mixinStandardHelpOptions = true,
    description =
        "Checks every decryption share file (T10, T11), sets aside bad ones (naming the trustee)"
            + " and combines any k valid ones into the counts (T12).")
public final class TallyCombineCommand extends TrusteeCli {
  @Option(names = "--totals", required = true, description = "encrypted-totals.json")
  Path totalsFile;

  @Option(
      names = "--shares",
      required = true,
      arity = "1..*",
      description = "The trustees' decryption share files (at least k).")
  List<Path> shareFiles;

  @Option(names = "--out", required = true, description = "Where to write results.json.")
  Path outFile;

  @Override
  int run() throws TrusteeException, FileFormatException, IOException {
    JointKey joint = folder().jointKey();
    List<EncryptedTotal> totals =
        TrusteeFiles.readTotals(CeremonyFolder.read(totalsFile), totalsFile.toString(), joint);
    List<DecryptionShareSet> sets = new ArrayList<>();
    for (Path p : shareFiles) {
      sets.add(
          TrusteeFiles.readShares(CeremonyFolder.read(p), p.toString(), joint.params().size()));
    }
    Combiner.Combination c = Combiner.combine(joint, totals, sets);
    writeNew(outFile, TrusteeFiles.write(joint, c));
    for (TrusteeFailure f : c.refused()) {
      out.println("SET ASIDE " + f);
    }
    if (!c.absent().isEmpty()) {
      out.println(
          "No shares from trustees "
              + c.absent()
              + " (not needed: k = "
              + joint.threshold()
              + ").");
    }
    out.println("Combined from trustees " + c.used() + ":");
    for (ThresholdTotal t : c.totals()) {
      out.printf("  %-40s %,d%n", t.contestId() + "/" + t.selectionId(), t.count());
    }
    out.println("Results written to " + outFile);
    return 0;
  }
}
