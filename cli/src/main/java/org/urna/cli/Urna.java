package org.urna.cli;

import org.urna.ballotbox.cli.CastCommand;
import org.urna.ballotbox.cli.ExportLogCommand;
import org.urna.ballotbox.cli.TallyCommand;
import org.urna.ballotbox.cli.VerifyBoxCommand;
import org.urna.core.cli.SampleElectionCommand;
import org.urna.hardware.card.cli.MintCardsCommand;
import org.urna.hardware.card.cli.VirtualCardCommand;
import org.urna.ledger.cli.GenerateKeys;
import org.urna.ledger.cli.LocalNetwork;
import org.urna.ledger.cli.RunNode;
import org.urna.sync.cli.SyncCommand;
import org.urna.tally.cli.CeremonyCommand;
import org.urna.tally.cli.ElectionCommand;
import org.urna.tally.cli.LedgerDownloadCommand;
import org.urna.tally.cli.RecordCommand;
import org.urna.tally.cli.TallyCombineCommand;
import org.urna.tally.cli.TallyLedgerCommand;
import org.urna.tally.cli.TrusteeCommand;
import org.urna.tally.cli.VerifyLedgerCommand;
import org.urna.tally.cli.VerifyRecordCommand;
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
      ElectionCommand.Authority.class,
      ElectionCommand.class,
      MintCardsCommand.class,
      VirtualCardCommand.class,
      GenerateKeys.class,
      RunNode.class,
      LocalNetwork.class,
      CastCommand.class,
      SyncCommand.class,
      VerifyBoxCommand.class,
      ExportLogCommand.class,
      TallyCommand.class,
      CeremonyCommand.class,
      TrusteeCommand.class,
      LedgerDownloadCommand.class,
      TallyLedgerCommand.class,
      VerifyLedgerCommand.class,
      TallyCombineCommand.class,
      RecordCommand.class,
      VerifyRecordCommand.class,
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
