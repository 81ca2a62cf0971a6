package org.urna.tally.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.urna.tally.KeyFileException;
import org.urna.tally.Trustee;
import org.urna.tally.TrusteeException;
import org.urna.tally.TrusteeKeyFile;
import org.urna.tally.files.CeremonyFolder;
import org.urna.tally.files.FileFormatException;
import picocli.CommandLine.Option;

/** What the trustee commands share: the folder, the key file, the passphrase, the messages. */
abstract class TrusteeCli implements java.util.concurrent.Callable<Integer> {
  /** Exit code when a check fails or an input is refused (picocli uses 2 for usage errors). */
  static final int REFUSED = 1;

  static final int MIN_PASSPHRASE = 12;

  @Option(
      names = "--dir",
      required = true,
      description = "The ceremony folder all trustees share (public files only).")
  Path dir;

  PrintStream out = System.out;
  PrintStream err = System.err;

  CeremonyFolder folder() {
    return new CeremonyFolder(dir);
  }

  /** Runs the step; a refused input becomes a message and exit code 1, nothing half-written. */
  @Override
  public final Integer call() {
    out = System.out;
    err = System.err;
    try {
      return run();
    } catch (TrusteeException e) {
      err.println("Refused: " + e.failure());
      return REFUSED;
    } catch (KeyFileException | FileFormatException e) {
      err.println("Refused: " + e.getMessage());
      return REFUSED;
    } catch (IOException e) {
      err.println("Cannot write: " + e.getMessage());
      return REFUSED;
    }
  }

  abstract int run() throws TrusteeException, KeyFileException, FileFormatException, IOException;

  /** Writes a new file; refuses to replace one (a ceremony step is never silently redone). */
  static void writeNew(Path p, byte[] bytes) throws IOException {
    try {
      Files.write(p, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(
          p + " already exists; this step was done before (move the file away to redo it)");
    }
  }

  /** Replaces a file atomically (write beside, then move). */
  static void replace(Path p, byte[] bytes) throws IOException {
    Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(
        tmp,
        p,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Key file options: where it is and how the passphrase is given. */
  abstract static class WithKey extends TrusteeCli {
    @Option(names = "--key", required = true, description = "This trustee's key file (private).")
    Path key;

    @Option(
        names = "--passphrase-file",
        description =
            "Read the passphrase from the first line of this file instead of asking (for"
                + " scripted tests; a real trustee types it).")
    Path passphraseFile;

    char[] passphrase(boolean twice) throws KeyFileException {
      if (passphraseFile != null) {
        try {
          List<String> lines = Files.readAllLines(passphraseFile, StandardCharsets.UTF_8);
          if (lines.isEmpty()) {
            throw new KeyFileException("the passphrase file " + passphraseFile + " is empty");
          }
          return lines.get(0).toCharArray();
        } catch (IOException e) {
          throw new KeyFileException("cannot read " + passphraseFile + ": " + e.getMessage());
        }
      }
      Console c = System.console();
      if (c == null) {
        throw new KeyFileException(
            "no terminal to ask for the passphrase: run in a terminal or give --passphrase-file");
      }
      char[] p = c.readPassword("Passphrase for %s: ", key);
      if (twice) {
        char[] again = c.readPassword("The same passphrase again: ");
        if (!java.util.Arrays.equals(p, again)) {
          throw new KeyFileException("the two passphrases differ; nothing was written");
        }
      }
      return p;
    }

    Trustee openKey() throws KeyFileException, FileFormatException, TrusteeException {
      if (!Files.exists(key)) {
        throw new KeyFileException(key + " does not exist (run 'urna trustee init' first)");
      }
      byte[] bytes = CeremonyFolder.read(key);
      try {
        return TrusteeKeyFile.open(bytes, passphrase(false), folder().params());
      } catch (KeyFileException e) {
        throw new KeyFileException("the key file " + key + " " + e.getMessage());
      }
    }
  }
}
