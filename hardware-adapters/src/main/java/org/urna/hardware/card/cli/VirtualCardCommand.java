package org.urna.hardware.card.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.urna.hardware.card.virtual.CardStateFile;
import org.urna.hardware.card.virtual.CardStateStore;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.hardware.card.virtual.VpcdCardConnection;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Puts a minted virtual role card into pcscd's virtual reader (vsmartcard-vpcd) until stopped. */
@Command(
    name = "virtual-card",
    mixinStandardHelpOptions = true,
    description =
        "Inserts a virtual PIV role card into pcscd's virtual reader (vpcd) until Ctrl-C.")
public final class VirtualCardCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--state",
      required = true,
      description = "The card's state file (from mint-cards).")
  Path state;

  @Option(
      names = "--port",
      defaultValue = "35963",
      description = "vpcd's TCP port (default: ${DEFAULT-VALUE}).")
  int port;

  public static void main(String[] args) {
    System.exit(new CommandLine(new VirtualCardCommand()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    CardStateFile file = new CardStateFile(state);
    if (!java.nio.file.Files.isRegularFile(state)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "There is no card state file at " + state + " (make one with: urna mint-cards).");
    }
    VirtualPivCard card;
    try {
      card = new VirtualPivCard(file.load(), CardStateStore.file(file));
    } catch (org.urna.hardware.card.CardDataException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "That card state file cannot be used: " + e.getMessage());
    }
    try (VpcdCardConnection c = VpcdCardConnection.insert(card, port, Duration.ofSeconds(30))) {
      spec.commandLine()
          .getOut()
          .printf("Card %s is in the virtual reader on port %d.%n", state, port);
      spec.commandLine().getOut().flush();
      while (c.isInserted()) {
        Thread.sleep(500);
      }
    }
    spec.commandLine().getOut().println("vpcd closed the connection: the card is out.");
    return 0;
  }
}
