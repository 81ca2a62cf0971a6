package org.urna.tally.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.urna.tally.CeremonyParameters;
import org.urna.tally.CheckReport;
import org.urna.tally.ComplaintAnswer;
import org.urna.tally.Deal;
import org.urna.tally.DecryptionShareSet;
import org.urna.tally.EncryptedTotal;
import org.urna.tally.JointKey;
import org.urna.tally.KeyAnnouncement;
import org.urna.tally.KeyFileException;
import org.urna.tally.ShareVerifier;
import org.urna.tally.Trustee;
import org.urna.tally.TrusteeException;
import org.urna.tally.TrusteeFailure;
import org.urna.tally.TrusteeKeyFile;
import org.urna.tally.files.CeremonyFolder;
import org.urna.tally.files.FileFormatException;
import org.urna.tally.files.TrusteeFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code urna trustee}: the steps one trustee runs on its own machine with its key file. */
@Command(
    name = "trustee",
    mixinStandardHelpOptions = true,
    description = "A trustee's steps of the key ceremony and of decryption (see 'urna ceremony').",
    subcommands = {
      TrusteeCommand.Init.class,
      TrusteeCommand.DealStep.class,
      TrusteeCommand.Check.class,
      TrusteeCommand.Answer.class,
      TrusteeCommand.Finish.class,
      TrusteeCommand.Decrypt.class,
      CommandLine.HelpCommand.class
    })
public final class TrusteeCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description =
          "Creates this trustee's secrets in a passphrase-encrypted key file and announces its"
              + " encryption key.")
  static final class Init extends TrusteeCli.WithKey {
    @Option(names = "--trustee", required = true, description = "Your number in ceremony.json.")
    int index;

    @Option(
        names = "--argon2-memory-mib",
        defaultValue = "64",
        description = "Argon2id memory in MiB (default ${DEFAULT-VALUE}; 8..1024).")
    int memoryMib;

    @Option(
        names = "--argon2-iterations",
        defaultValue = "3",
        description = "Argon2id passes (default ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    int run() throws TrusteeException, KeyFileException, FileFormatException, IOException {
      CeremonyFolder f = folder();
      CeremonyParameters p = f.params();
      p.requireIndex(index, org.urna.tally.TrusteeStep.T1, "--trustee");
      if (Files.exists(key)) {
        err.println("Refused: " + key + " already exists; a key file is never overwritten.");
        return REFUSED;
      }
      TrusteeKeyFile.Argon2 argon2;
      try {
        argon2 = new TrusteeKeyFile.Argon2(memoryMib * 1024, iterations, 1);
      } catch (IllegalArgumentException e) {
        err.println("Refused: " + e.getMessage());
        return REFUSED;
      }
      char[] pass = passphrase(true);
      if (pass.length < MIN_PASSPHRASE) {
        err.println(
            "Refused: the passphrase must have at least " + MIN_PASSPHRASE + " characters.");
        return REFUSED;
      }
      Trustee t = Trustee.create(p, index);
      KeyAnnouncement a = t.announce();
      writeNew(key, TrusteeKeyFile.seal(t, pass, argon2));
      writeNew(f.announcement(index), TrusteeFiles.write(p, a));
      out.println("You are " + p.describe(index) + " in ceremony " + p.ceremonyHashHex());
      out.println("  your key file (keep it, and its passphrase, to yourself): " + key);
      out.println("  your announcement (share it): " + f.announcement(index));
      out.println(
          "Next: once every trustee's announcement is in the folder, run: urna trustee deal --dir"
              + " <folder> --key "
              + key);
      return 0;
    }
  }

  @Command(
      name = "deal",
      mixinStandardHelpOptions = true,
      description =
          "Commits to this trustee's polynomial, proves each coefficient, and encrypts a share to"
              + " every other trustee.")
  static final class DealStep extends TrusteeCli.WithKey {
    @Override
    int run() throws TrusteeException, KeyFileException, FileFormatException, IOException {
      CeremonyFolder f = folder();
      Trustee t = openKey();
      CeremonyParameters p = t.params();
      Deal d = t.deal(f.announcements());
      writeNew(f.deal(t.index()), TrusteeFiles.write(p, d));
      out.println("Every trustee's encryption key checks (T2).");
      out.println("Your deal (share it): " + f.deal(t.index()));
      out.println(
          "Next: once every trustee's deal is in the folder, run: urna trustee check --dir <folder>"
              + " --key "
              + key);
      return 0;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Checks every deal (T3, T4), decrypts and checks your share from each (T5), and signs a"
              + " report naming any dealer whose share was bad.")
  static final class Check extends TrusteeCli.WithKey {
    @Override
    int run() throws TrusteeException, KeyFileException, FileFormatException, IOException {
      CeremonyFolder f = folder();
      Trustee t = openKey();
      CeremonyParameters p = t.params();
      List<Deal> deals = f.deals();
      if (deals.size() < p.size()) {
        List<Integer> missing = new java.util.ArrayList<>();
        for (int i = 1; i <= p.size(); i++) {
          int at = i;
          if (deals.stream().noneMatch(d -> d.dealer() == at)) {
            missing.add(i);
          }
        }
        err.println(
            "Not yet: no deal in the folder from trustees "
                + missing
                + ". Wait until they run 'urna trustee deal', then check again.");
        return REFUSED;
      }
      Trustee.CheckOutcome outcome = t.check(deals);
      writeNew(f.check(t.index()), TrusteeFiles.write(p, outcome.report()));
      if (outcome.problems().isEmpty()) {
        out.println("Every deal checks, and every share you received matches (T3, T4, T5).");
      }
      for (TrusteeFailure problem : outcome.problems()) {
        out.println("PROBLEM " + problem);
      }
      for (int i : outcome.report().accused()) {
        out.println(
            "  Your report complains about "
                + p.describe(i)
                + ". They must now run: urna trustee answer --dir <folder> --key <their key file>,"
                + " which reveals that share publicly; if it matches their commitments it is"
                + " accepted, otherwise (or without an answer) they are disqualified.");
      }
      out.println("Your signed report (share it): " + f.check(t.index()));
      out.println(
          "Next: once every report (and any answer) is in the folder, anyone runs: urna ceremony"
              + " combine --dir <folder>");
      return 0;
    }
  }

  @Command(
      name = "answer",
      mixinStandardHelpOptions = true,
      description =
          "Answers every complaint against this trustee by revealing the share in question.")
  static final class Answer extends TrusteeCli.WithKey {
    @Override
    int run() throws TrusteeException, KeyFileException, FileFormatException, IOException {
      CeremonyFolder f = folder();
      Trustee t = openKey();
      CeremonyParameters p = t.params();
      int answered = 0;
      for (CheckReport r : f.reports()) {
        r.verify(p, encryptionKeyOf(f, r.trustee()));
        if (r.accused().contains(t.index())) {
          ComplaintAnswer a = t.answer(r.trustee());
          Path file = f.answer(t.index(), r.trustee());
          writeNew(file, TrusteeFiles.write(p, a));
          out.println(
              p.describe(r.trustee()) + " complained about your share; it is revealed in " + file);
          answered++;
        }
      }
      if (answered == 0) {
        out.println("No report in the folder complains about you; nothing to answer.");
      }
      return 0;
    }

    private static org.urna.core.crypto.Point encryptionKeyOf(CeremonyFolder f, int j)
        throws TrusteeException, FileFormatException {
      return org.urna.tally.Ceremony.encryptionKeys(f.params(), f.announcements()).get(j);
    }
  }

  @Command(
      name = "finish",
      mixinStandardHelpOptions = true,
      description =
          "Computes this trustee's final share of the joint key, checks it against its public share"
              + " (T9) and stores it in the key file.")
  static final class Finish extends TrusteeCli.WithKey {
    @Override
    int run() throws TrusteeException, KeyFileException, FileFormatException, IOException {
      CeremonyFolder f = folder();
      byte[] file = CeremonyFolder.read(key);
      TrusteeKeyFile.Argon2 argon2 = TrusteeKeyFile.parameters(file);
      char[] pass = passphrase(false);
      Trustee t;
      try {
        t = TrusteeKeyFile.open(file, pass, f.params());
      } catch (KeyFileException e) {
        throw new KeyFileException("the key file " + key + " " + e.getMessage());
      }
      JointKey joint = f.jointKey();
      t.finish(joint, f.deals(), f.answers());
      replace(key, TrusteeKeyFile.seal(t, pass, argon2));
      out.println(
          "Your final share matches your public share in the joint key (T9); it is stored in "
              + key
              + ".");
      out.println("  election key K: " + joint.electionKey().toHex());
      out.println("Keep the key file and its passphrase until the election's tally is published.");
      return 0;
    }
  }

  @Command(
      name = "decrypt",
      mixinStandardHelpOptions = true,
      description =
          "Writes this trustee's decryption share of every encrypted total, each with a"
              + " Chaum-Pedersen proof.")
  static final class Decrypt extends TrusteeCli.WithKey {
    @Option(names = "--totals", required = true, description = "encrypted-totals.json")
    Path totalsFile;

    @Option(
        names = "--out",
        description = "Where to write (default: decryption-share-<n>.json beside the totals).")
    Path outFile;

    @Override
    int run() throws TrusteeException, KeyFileException, FileFormatException, IOException {
      CeremonyFolder f = folder();
      JointKey joint = f.jointKey();
      List<EncryptedTotal> totals =
          TrusteeFiles.readTotals(CeremonyFolder.read(totalsFile), totalsFile.toString(), joint);
      Trustee t = openKey();
      DecryptionShareSet set = t.decrypt(joint, totals);
      Optional<TrusteeFailure> self = ShareVerifier.verify(joint, totals, set);
      if (self.isPresent()) {
        err.println("Refused: own shares do not verify: " + self.get());
        return REFUSED;
      }
      Path target =
          outFile != null
              ? outFile
              : totalsFile
                  .toAbsolutePath()
                  .resolveSibling("decryption-share-" + t.index() + ".json");
      writeNew(target, TrusteeFiles.write(set));
      out.println(
          "Decryption shares of "
              + totals.size()
              + " totals written to "
              + target
              + " (each proof checked, T10, T11).");
      return 0;
    }
  }
}
