package org.urna.cli;

import org.urna.core.cli.SampleElectionCommand;
import org.urna.hardware.card.cli.MintCardsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code urna} command line: one entry point, each subcommand from the module that owns it. */
@Command(
    name = "urna",
    mixinStandardHelpOptions = true,
    version = "Urna 0.1.0",
    description = "Urna: an open-source polling-station voting kiosk, its ballot box and ledger.",
    subcommands = {
      SampleElectionCommand.class,
      MintCardsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Urna implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static CommandLine commandLine() {
    return new CommandLine(new Urna());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
