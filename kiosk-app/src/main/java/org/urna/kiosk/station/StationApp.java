package org.urna.kiosk.station;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.urna.core.role.Role;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.card.role.RoleCardAuthenticator;
import org.urna.hardware.card.role.TrustPolicy;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.operator.OperatorShell;
import org.urna.kiosk.polls.PollWorkerMode;
import org.urna.kiosk.polls.StationRuntime;
import org.urna.kiosk.service.ServiceMode;
import org.urna.kiosk.ui.KioskFonts;
import org.urna.kiosk.ui.KioskLockdown;
import org.urna.kiosk.ui.ScreenGeometry;

/**
 * The station's window (decision 0342): the devices opened from the station's context, the station
 * runtime on its state folder, the operator shell with poll-worker mode and service mode, full
 * screen and locked down. Started by {@link StationMain} after the configuration was checked.
 */
public final class StationApp extends Application {
  /** Set by {@link StationMain} before {@link Application#launch}. */
  static volatile StationContext context;

  static volatile boolean smokeTest;

  /** The configuration file the station was started with (service mode edits it). */
  static volatile java.nio.file.Path configFile;

  private ExecutorService worker;
  private ScheduledExecutorService scheduler;
  private CardReader reader;
  private ReceiptPrinter printer;
  private StationRuntime station;
  private OperatorShell shell;

  /** The card trust policy of {@code config}: its card authority, its revoked serials. */
  static TrustPolicy cardPolicy(StationConfig config) throws IOException {
    return TrustPolicy.of(
        Files.readAllBytes(config.cardAuthorityCertificate()),
        config.revokedCardSerials(),
        EnumSet.of(Role.POLL_WORKER, Role.TECHNICIAN, Role.ELECTION_MANAGER),
        Optional.empty());
  }

  @Override
  public void start(Stage stage) throws IOException {
    StationContext ctx = context;
    StationConfig config = ctx.config();
    KioskFonts.load();
    worker = Executors.newSingleThreadExecutor(daemon("station-worker"));
    scheduler = new ScheduledThreadPoolExecutor(1, daemon("station-timer"));
    reader = ctx.cardReaders().open();
    printer = ctx.printers().open();
    Clock clock = Clock.systemUTC();
    station =
        StationRuntime.open(ctx, reader, printer, clock, Platform::runLater, worker, scheduler);
    shell =
        new OperatorShell(
            station,
            new RoleCardAuthenticator(cardPolicy(config), clock, new SecureRandom()),
            Map.of(
                Role.POLL_WORKER,
                new PollWorkerMode(station),
                Role.TECHNICIAN,
                ServiceMode.of(configFile, config)),
            config.inactivityTimeout(),
            config.defaultLanguage(),
            clock,
            Platform::runLater,
            worker,
            scheduler);
    ScreenGeometry screen = ScreenGeometry.configured();
    Scene scene = new Scene(shell.root(), screen.widthPx(), screen.heightPx());
    shell.attach(scene);
    KioskLockdown.lockDown(stage, scene);
    stage.setTitle("Urna station " + config.stationId());
    stage.setScene(scene);
    stage.setFullScreen(!smokeTest);
    stage.show();
    shell.start();
    if (smokeTest) {
      new AnimationTimer() {
        private int frames;

        @Override
        public void handle(long now) {
          if (++frames == 2) {
            stop();
            System.out.println("station " + config.stationId() + ": first screen shown");
            Platform.exit();
          }
        }
      }.start();
    }
  }

  @Override
  public void stop() {
    if (shell != null) {
      shell.stop();
    }
    if (worker != null) {
      worker.shutdown();
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    if (station != null) {
      station.close();
    }
    if (reader != null) {
      reader.close();
    }
    if (printer != null) {
      printer.close();
    }
  }

  private static ThreadFactory daemon(String name) {
    return Thread.ofPlatform().daemon().name(name).factory();
  }
}
