package org.urna.core.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import org.urna.core.election.SampleElection;
import org.urna.core.election.VotingWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code urna sample-election}: writes the demo election package and its demo keys. */
@Command(
    name = "sample-election",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a signed sample election package (referendum + council race, ru/en/tt, three"
          + " stations) and its demo keys into a folder.",
      "The keys are derived from the seed and are public: for trying Urna, never for a real"
          + " election."
    })
public final class SampleElectionCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      defaultValue = "urna-demo",
      description = "Folder to write into (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = SampleElection.DEFAULT_SEED,
      description = "Seed every demo key derives from (default: ${DEFAULT-VALUE}).")
  String seed;

  @Option(
      names = "--hours",
      defaultValue = "24",
      description = "Length of the voting window, starting an hour before now (default: 24).")
  int hours;

  @Override
  public Integer call() throws Exception {
    Instant opens = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
    VotingWindow window = new VotingWindow(opens, opens.plus(Duration.ofHours(Math.max(1, hours))));
    SampleElection sample = SampleElection.create(seed, window);
    Map<String, Path> files = sample.writeTo(out);
    System.out.println("Sample election '" + sample.manifest().electionId() + "' written:");
    files.forEach((what, path) -> System.out.println("  " + what + ": " + path));
    System.out.println("Voting window: " + window.opens() + " to " + window.closes() + " (UTC).");
    return 0;
  }
}
