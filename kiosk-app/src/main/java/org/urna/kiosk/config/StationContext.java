package org.urna.kiosk.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.urna.ballotbox.BallotBox;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.card.pcsc.PcscCardReader;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.hardware.printer.escpos.EscPosPrinter;
import org.urna.kiosk.config.StationConfig.CardReaderChoice;
import org.urna.kiosk.config.StationConfig.PrinterChoice;
import org.urna.sync.SyncConfig;
import org.urna.sync.SyncService;
import org.urna.tlog.TrustPolicy;

/**
 * The station's composition root: its configuration and one factory per device, each chosen from
 * the configuration and nowhere else. Screens and workflows get their devices from here; the demo
 * is a configuration with a simulated reader, the printer emulator and an in-process ledger.
 */
public record StationContext(
    StationConfig config,
    CardReaderFactory cardReaders,
    PrinterFactory printers,
    LedgerFactory ledger) {

  public StationContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(cardReaders, "cardReaders");
    Objects.requireNonNull(printers, "printers");
    Objects.requireNonNull(ledger, "ledger");
  }

  /** The context of {@code config}: each device's factory as the configuration chooses. */
  public static StationContext of(StationConfig config) {
    return new StationContext(
        config,
        CardReaderFactory.of(config.cardReader()),
        PrinterFactory.of(config.printer()),
        LedgerFactory.of(config));
  }

  /** Opens the station's card reader (not yet watching: {@link CardReader#start}). */
  @FunctionalInterface
  public interface CardReaderFactory {
    CardReader open();

    static CardReaderFactory of(CardReaderChoice choice) {
      return switch (choice) {
        case CardReaderChoice.Pcsc(var name) -> () -> PcscCardReader.create(name);
        case CardReaderChoice.Simulated s -> SimulatedCardReader::new;
      };
    }
  }

  /** Opens the station's printer. A serial port that cannot be opened gives a faulted printer. */
  @FunctionalInterface
  public interface PrinterFactory {
    ReceiptPrinter open();

    static PrinterFactory of(PrinterChoice choice) {
      return switch (choice) {
        case PrinterChoice.EscPos(var port, var baud, var profile) ->
            () -> EscPosPrinter.open(port, baud, profile);
        case PrinterChoice.Emulator(var profile) -> () -> InProcessPrinter.start(profile);
      };
    }
  }

  /** The station's link to the ledger: a sync of a ballot box's outbox to the validators. */
  @FunctionalInterface
  public interface LedgerFactory {
    SyncService open(BallotBox box, Path stateDirectory);

    /** The configured validators, trusted as the configured tlog-policy says. */
    static LedgerFactory of(StationConfig config) {
      return (box, stateDirectory) -> SyncService.open(box, syncConfig(config, stateDirectory));
    }

    static SyncConfig syncConfig(StationConfig config, Path stateDirectory) {
      TrustPolicy policy;
      try {
        policy = TrustPolicy.parse(Files.readAllBytes(config.trustPolicyFile()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return SyncConfig.builder()
          .endpoints(config.ledgerEndpoints())
          .policy(policy)
          .stateDirectory(stateDirectory)
          .build();
    }
  }
}
