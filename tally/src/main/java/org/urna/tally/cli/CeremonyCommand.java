package org.urna.tally.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.urna.core.election.ElectionPackageException;
import org.urna.core.election.ManifestJson;
import org.urna.tally.CeremonyParameters;
import org.urna.tally.JointKey;
import org.urna.tally.TrusteeException;
import org.urna.tally.files.CeremonyFolder;
import org.urna.tally.files.FileFormatException;
import org.urna.tally.files.TrusteeFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code urna ceremony}: the public steps of the key ceremony. */
@Command(
    name = "ceremony",
    mixinStandardHelpOptions = true,
    description = {
      "The key ceremony's public steps. The order, all through one shared folder:",
      "  1. urna ceremony new        (the election manager: who the trustees are, threshold k)",
      "  2. urna trustee init        (each trustee, on their own machine)",
      "  3. urna trustee deal        (each trustee, once every announcement is in the folder)",
      "  4. urna trustee check       (each trustee, once every deal is in the folder)",
      "  5. urna trustee answer      (only a trustee someone complained about)",
      "  6. urna ceremony combine    (anyone: the joint election key)",
      "  7. urna trustee finish      (each trustee: stores its final share)"
    },
    subcommands = {
      CeremonyCommand.New.class,
      CeremonyCommand.Combine.class,
      CommandLine.HelpCommand.class
    })
public final class CeremonyCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = "Writes ceremony.json: the election, the trustees in order, the threshold.")
  static final class New extends TrusteeCli {
    @Option(names = "--threshold", required = true, description = "k: how many trustees decrypt.")
    int threshold;

    @Option(
        names = "--trustee",
        required = true,
        description = "A trustee's name; repeat in order (trustee 1, 2, ...).")
    List<String> trustees;

    @Option(names = "--manifest", description = "The election manifest (JSON); its hash is used.")
    Path manifest;

    @Option(names = "--election-hash", description = "Or the election hash, 64 hex digits.")
    String electionHash;

    @Override
    int run() throws TrusteeException, FileFormatException, IOException {
      byte[] hash;
      if ((manifest == null) == (electionHash == null)) {
        err.println("Give exactly one of --manifest and --election-hash.");
        return REFUSED;
      }
      if (manifest != null) {
        try {
          hash = ManifestJson.electionHash(ManifestJson.parse(CeremonyFolder.read(manifest)));
        } catch (ElectionPackageException e) {
          err.println("Refused: the manifest " + manifest + ": " + e.getMessage());
          return REFUSED;
        }
      } else {
        if (!electionHash.matches("[0-9a-f]{64}")) {
          err.println("Refused: --election-hash must be 64 lowercase hex digits.");
          return REFUSED;
        }
        hash = HexFormat.of().parseHex(electionHash);
      }
      CeremonyParameters p = CeremonyParameters.of(hash, threshold, trustees);
      Files.createDirectories(dir);
      CeremonyFolder f = folder();
      writeNew(f.ceremonyFile(), TrusteeFiles.write(p));
      out.println("Key ceremony written to " + f.ceremonyFile());
      out.printf("  %d trustees, any %d of them decrypt%n", p.size(), p.threshold());
      for (int i = 1; i <= p.size(); i++) {
        out.println("  trustee " + i + ": " + p.name(i));
      }
      out.println("  ceremony hash: " + p.ceremonyHashHex());
      out.println(
          "Give every trustee a copy of this folder. Each trustee reads the ceremony hash aloud and"
              + " checks it, then runs: urna trustee init --dir <folder> --trustee <their number>"
              + " --key <their key file>");
      return 0;
    }
  }

  @Command(
      name = "combine",
      mixinStandardHelpOptions = true,
      description =
          "Checks every public file of the ceremony (steps T2-T8) and writes joint-key.json.")
  static final class Combine extends TrusteeCli {
    @Override
    int run() throws TrusteeException, FileFormatException, IOException {
      CeremonyFolder f = folder();
      JointKey joint = f.jointKey();
      CeremonyParameters p = joint.params();
      replace(f.jointKeyFile(), TrusteeFiles.write(joint));
      out.println("Every public file checks (T2-T8). Joint key written to " + f.jointKeyFile());
      out.println("  election key K: " + joint.electionKey().toHex());
      out.println("  extended hash Q: " + HexFormat.of().formatHex(joint.extendedHash()));
      out.println(
          "  trustees holding a share: " + joint.qualified() + ", threshold " + p.threshold());
      joint
          .disqualified()
          .forEach((i, why) -> out.println("  DISQUALIFIED " + p.describe(i) + ": " + why));
      if (!joint.disqualified().isEmpty()) {
        out.println(
            "  The disqualified trustees' parts are left out of the key; they hold no share."
                + " If you would rather have all trustees, run a new ceremony.");
      }
      out.println(
          "Next: every trustee holding a share runs: urna trustee finish --dir <folder> --key"
              + " <their key file>");
      return 0;
    }
  }
}
