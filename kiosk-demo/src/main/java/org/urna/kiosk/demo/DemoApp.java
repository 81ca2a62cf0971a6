package org.urna.kiosk.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.station.StartupTrace;
import org.urna.kiosk.station.StationAssembly;
import org.urna.kiosk.ui.KioskFonts;
import org.urna.kiosk.ui.KioskLockdown;
import org.urna.kiosk.ui.StartingScreen;

/**
 * The demo's window (decision 0346): the station, assembled from the demo's configuration file by
 * the same code {@code urna-kiosk --config FILE} runs (operator shell, PIN pad, poll-worker mode,
 * service mode, the voter's screens), and beside it the panel of simulated devices: the card reader
 * with the demo's operator cards, the printer emulator's paper, the ballot box's and the ledger's
 * counts. The demo only chooses the devices' instances, so the panel can hold them.
 */
public final class DemoApp extends Application {
  private final AtomicBoolean cleanedUp = new AtomicBoolean();
  private volatile DemoStation demo;
  private volatile StationAssembly assembly;
  private volatile DemoPanel panel;

  @Override
  public void start(Stage stage) {
    DemoOptions o = DemoMain.options;
    DemoMain.mark("start");
    DemoMain.beginMakingStation();
    KioskFonts.load();
    DemoMain.mark("fonts");
    // SIGTERM runs no Application.stop(): the hook removes the temporary folder then too.
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("demo-clean-up").unstarted(this::cleanUp));
    // The first frame is the starting screen (decision 0348); the station replaces it once made.
    Scene scene = new Scene(StartingScreen.of("en"), 1600, 1000);
    stage.setTitle("Urna station (demo)");
    stage.setScene(scene);
    if (o.kiosk()) {
      KioskLockdown.lockDown(stage, scene);
    } else {
      KioskLockdown.allowFullScreenToggle(stage, scene);
      stage.setFullScreen(o.fullScreen());
    }
    StartingScreen.afterFirstFrame(
        scene,
        () -> {
          DemoMain.mark("firstFrame");
          if (o.startupProbe()) {
            System.out.println("kiosk.startingScreen.firstFrame.ms=" + DemoMain.sinceStart());
          }
          DemoMain.station.whenComplete(
              (d, failure) -> Platform.runLater(() -> openStation(stage, scene, d, failure)));
        });
    DemoMain.mark("show");
    stage.show();
  }

  /** Puts the made station in place of the starting screen (FX thread). */
  private void openStation(Stage stage, Scene scene, DemoStation d, Throwable failure) {
    DemoOptions o = DemoMain.options;
    if (failure != null) {
      Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
      System.err.println("The demo's station could not be made: " + cause.getMessage());
      cause.printStackTrace();
      Thread.ofPlatform().start(() -> System.exit(1));
      return;
    }
    demo = d;
    if (cleanedUp.get()) {
      d.delete();
      return;
    }
    DemoMain.mark("stationReady");
    startLedger(d);
    PaperFolder paperFolder = new PaperFolder(o.paperDir());
    System.out.println("Printed paper is saved as PNG in " + paperFolder.dir());
    System.out.println("Station configuration: " + d.configFile);
    SimulatedCardReader reader = new SimulatedCardReader();
    InProcessPrinter device = InProcessPrinter.start(d.config.printer().profile());
    DemoPrinter printer =
        new DemoPrinter(
            device,
            (kind, printed) -> {
              Path png = paperFolder.save(kind.replace(' ', '-'), printed.image());
              Platform.runLater(() -> panel.showPaper(kind, printed.image(), png));
            });
    StationContext configured = StationContext.of(d.config);
    StationContext context =
        new StationContext(d.config, () -> reader, () -> printer, configured.ledger());
    StationAssembly a;
    try {
      a = StationAssembly.open(context, d.configFile);
    } catch (IOException | RuntimeException e) {
      System.err.println("The demo's station could not start: " + e.getMessage());
      e.printStackTrace();
      Thread.ofPlatform().start(() -> System.exit(1));
      return;
    }
    assembly = a;
    DemoMain.mark("station");
    DemoPanel side = new DemoPanel(d, reader, device, paperFolder.dir());
    panel = side;
    a.station()
        .ledger()
        .ifPresent(
            l ->
                l.addListener(
                    s -> {
                      CountsBoard.Lines lines = CountsBoard.of(s);
                      Platform.runLater(() -> side.showCounts(lines));
                    }));
    BorderPane window = new BorderPane(a.root());
    window.setRight(side.node());
    stage.setTitle("Urna station " + d.config.stationId() + " (demo)");
    if (o.startupProbe()) {
      boolean[] measured = new boolean[1];
      scene.addPostLayoutPulseListener(
          () -> {
            if (measured[0]) {
              return;
            }
            measured[0] = true;
            System.out.println("kiosk.waitingScreen.firstFrame.ms=" + DemoMain.sinceStart());
            DemoMain.mark("stationShown");
            System.out.println("kiosk.startup.trace " + DemoMain.trace());
            System.out.println("kiosk.startup.epoch " + StartupTrace.epochTrace());
            System.out.flush();
            // exit (not halt): a training run writes its AOT cache at exit
            Thread.ofPlatform().start(() -> System.exit(0));
          });
    }
    scene.setRoot(window);
    a.attach(scene);
    a.start();
    DemoMain.mark("shown");
  }

  /** The running station (tests look at it). */
  StationAssembly assembly() {
    return assembly;
  }

  /** The in-process validator starts on its own thread: the station is usable before it is. */
  private static void startLedger(DemoStation d) {
    if (d.ledger == null) {
      System.out.println("Ledger: " + d.config.ledgerEndpoints());
      return;
    }
    Thread.ofVirtual()
        .name("demo-ledger")
        .start(
            () -> {
              try {
                d.ledger.start();
                System.out.println("Ledger public page: " + d.ledger.endpoint());
              } catch (Exception e) {
                System.err.println(
                    "The demo's ledger did not start ("
                        + e.getMessage()
                        + "); ballots wait in the ballot box.");
              }
            });
  }

  @Override
  public void stop() {
    cleanUp();
  }

  /**
   * Stops the station and the ledger and deletes the demo's temporary folder; once, whether the
   * window was closed (stop) or the process was sent SIGTERM (shutdown hook). The PNGs of printed
   * paper stay.
   */
  private void cleanUp() {
    if (!cleanedUp.compareAndSet(false, true)) {
      return;
    }
    StationAssembly a = assembly;
    if (a != null) {
      try {
        a.close();
      } catch (RuntimeException e) {
        System.err.println("The station did not stop cleanly: " + e.getMessage());
      }
    }
    DemoStation d = demo;
    if (d == null) {
      // still being made: wait for it briefly so its folder is removed too
      try {
        d = DemoMain.station.get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        d = null;
      }
    }
    if (d != null) {
      if (d.ledger != null) {
        d.ledger.close();
      }
      d.delete();
    }
  }
}
