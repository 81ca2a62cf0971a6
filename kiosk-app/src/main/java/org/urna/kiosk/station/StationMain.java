package org.urna.kiosk.station;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.kiosk.config.ConfigProblem;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationConfigException;
import org.urna.kiosk.config.StationConfigFile;
import org.urna.kiosk.config.StationContext;

/**
 * {@code urna-kiosk --config FILE}: reads and checks the station's configuration (every bad setting
 * reported with its key, exit 2), builds the station's context and opens each device through its
 * factory, reporting one line per device ({@code --check}; a start opens them in the station, after
 * the starting screen's first frame, decision 0348). The operator screens start from this context.
 */
public final class StationMain {
  static final String USAGE =
      """
      Usage: urna-kiosk --config FILE [--check | --smoke-test]
        --config FILE   the station's configuration (see StationConfigFile)
        --check         check the configuration and the devices, then exit
        --smoke-test    start the station's screen, show its first frame, then exit
      """;

  private StationMain() {}

  public static void main(String[] args) {
    StartupTrace.mark("main");
    System.exit(run(List.of(args), System.out, System.err));
  }

  /** Runs the command line; returns the exit status (0 ready, 2 bad command line or config). */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    Path file = null;
    boolean check = false;
    boolean smoke = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--config") && i + 1 < args.size()) {
        file = Path.of(args.get(++i));
      } else if (a.startsWith("--config=")) {
        file = Path.of(a.substring("--config=".length()));
      } else if (a.equals("--check")) {
        check = true;
      } else if (a.equals("--smoke-test")) {
        smoke = true;
      } else if (a.equals("-h") || a.equals("--help")) {
        out.print(USAGE);
        return 0;
      } else {
        err.println("urna-kiosk: unknown option '" + a + "'");
        err.print(USAGE);
        return 2;
      }
    }
    if (file == null) {
      err.println("urna-kiosk: --config FILE is required");
      err.print(USAGE);
      return 2;
    }
    if (check) {
      return configure(file, true, smoke, out, err);
    }
    // The JavaFX toolkit starts while the configuration is read and checked (decision 0348): its
    // window waits for the result and shows nothing when the configuration is refused.
    CompletableFuture<Void> configured = new CompletableFuture<>();
    StationApp.configured = configured;
    Throwable[] launchFailure = new Throwable[1];
    Thread toolkit =
        Thread.ofPlatform()
            .name("station-launcher")
            .start(
                () -> {
                  try {
                    javafx.application.Application.launch(StationApp.class);
                  } catch (Throwable t) {
                    launchFailure[0] = t;
                  }
                });
    int status = configure(file, false, smoke, out, err);
    if (status != 0) {
      configured.completeExceptionally(new IllegalStateException("configuration refused"));
      return status;
    }
    configured.complete(null);
    try {
      toolkit.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    if (launchFailure[0] != null) {
      err.println("urna-kiosk: the station's window could not start: " + launchFailure[0]);
      launchFailure[0].printStackTrace(err);
      return 1;
    }
    return 0;
  }

  /**
   * Reads and checks the configuration in {@code file}, reports it on {@code out}; with {@code
   * check} opens the devices once. Returns 0 (then {@link StationApp}'s settings are set) or 2.
   */
  private static int configure(
      Path file, boolean check, boolean smoke, PrintStream out, PrintStream err) {
    StationConfig config;
    try {
      config = StationConfigFile.read(file);
    } catch (StationConfigException e) {
      err.println(file + ": the station cannot start with this configuration:");
      for (ConfigProblem p : e.problems()) {
        err.println("  " + p.key() + ": " + p.message());
      }
      return 2;
    } catch (NoSuchFileException e) {
      err.println(file + ": no such file");
      return 2;
    } catch (IOException e) {
      err.println(file + ": cannot be read: " + e.getMessage());
      return 2;
    }
    StationContext context = StationContext.of(config);
    out.println("station " + config.stationId() + " (" + file + ")");
    if (check) {
      // --check opens each device; a start leaves that to the station, after its first frame
      try (CardReader reader = context.cardReaders().open();
          ReceiptPrinter printer = context.printers().open()) {
        out.println("card reader: " + describe(config.cardReader()));
        out.println(
            "printer: "
                + describe(config.printer())
                + ", "
                + (printer.status().isReady()
                    ? "ready"
                    : "not ready: " + printer.status().faults()));
      }
    } else {
      out.println("card reader: " + describe(config.cardReader()));
      out.println("printer: " + describe(config.printer()));
    }
    out.println(
        "ledger: "
            + config.ledgerEndpoints().size()
            + " validator(s), trust policy "
            + config.trustPolicyFile());
    out.println("ballot box: " + config.ballotBoxFolder());
    out.println(
        "language: "
            + config.defaultLanguage()
            + ", operator inactivity time-out "
            + config.inactivityTimeout().value().toMinutes()
            + " min");
    try {
      StationApp.cardPolicy(config);
    } catch (IOException | IllegalArgumentException e) {
      err.println(
          "cardAuthorityCertificate: the card authority's certificate "
              + config.cardAuthorityCertificate()
              + " cannot be used: "
              + e.getMessage());
      return 2;
    }
    StartupTrace.mark("checked");
    StationApp.context = context;
    StationApp.configFile = file;
    StationApp.smokeTest = smoke;
    return 0;
  }

  private static String describe(StationConfig.CardReaderChoice c) {
    return switch (c) {
      case StationConfig.CardReaderChoice.Pcsc(var name) -> "PC/SC '" + name + "'";
      case StationConfig.CardReaderChoice.Simulated() -> "simulated";
    };
  }

  private static String describe(StationConfig.PrinterChoice c) {
    return switch (c) {
      case StationConfig.PrinterChoice.EscPos(var port, var baud, var profile) ->
          "ESC/POS " + profile.model() + " on " + port + " at " + baud + " baud";
      case StationConfig.PrinterChoice.Emulator(var profile) ->
          "emulator (" + profile.model() + ")";
    };
  }
}
