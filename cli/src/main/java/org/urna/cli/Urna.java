package org.urna.cli;

import java.nio.file.Path;
import org.urna.ballotbox.cli.CastCommand;
import org.urna.ballotbox.cli.ElectionInputs;
import org.urna.ballotbox.cli.TallyCommand;
import org.urna.ballotbox.cli.VerifyBoxCommand;
import org.urna.core.cli.SampleElectionCommand;
import org.urna.hardware.card.cli.MintCardsCommand;
import org.urna.ledger.cli.GenerateKeys;
import org.urna.ledger.cli.LocalNetwork;
import org.urna.ledger.cli.RunNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code urna} command line: one entry point, each subcommand from the module that owns it. */
@Command(
    name = "urna",
    mixinStandardHelpOptions = true,
    version = "Urna 0.1.0",
    description = "Urna: an open-source polling-station voting kiosk, its ballot box and ledger.",
    subcommands = {
      SampleElectionCommand.class,
      MintCardsCommand.class,
      GenerateKeys.class,
      RunNode.class,
      LocalNetwork.class,
      CommandLine.HelpCommand.class
    })
public final class Urna implements Runnable {
  @Option(
      names = "--election",
      defaultValue = "urna-demo",
      description = "Folder with the election package, trust anchor and station keys.")
  Path election;

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static CommandLine commandLine() {
    Urna urna = new Urna();
    CommandLine cmd = new CommandLine(urna);
    cmd.addSubcommand(new CastCommand(() -> urna.inputs(cmd)));
    cmd.addSubcommand(new VerifyBoxCommand(() -> urna.inputs(cmd)));
    cmd.addSubcommand(new TallyCommand(() -> urna.inputs(cmd)));
    return cmd;
  }

  private ElectionInputs inputs(CommandLine cmd) {
    CommandLine.ParseResult sub = cmd.getParseResult().subcommand();
    String station = sub.matchedOptionValue("--station", "");
    try {
      return ElectionInputs.fromFolder(election, station);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          sub.commandSpec().commandLine(),
          e.getMessage() + " (run `urna sample-election --out " + election + "` first?)");
    }
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
