package org.urna.ballotbox.cli;

import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The options every ballot-box command shares: which box, its password, station, election. */
public final class BoxOptions {
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

  /** The election: from {@code override} when a caller supplies it, else from the folder. */
  ElectionInputs inputs(Supplier<ElectionInputs> override) {
    return override != null ? override.get() : ElectionInputs.fromFolder(electionFolder, stationId);
  }

  /** The password, from the first line of the password file. */
  char[] password() throws BoxPasswords.PasswordFileException {
    return BoxPasswords.read(passwordFile);
  }
}
