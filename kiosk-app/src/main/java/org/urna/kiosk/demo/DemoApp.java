package org.urna.kiosk.demo;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.urna.kiosk.paper.SimulatedPrinter;
import org.urna.kiosk.station.IdleTimer;
import org.urna.kiosk.station.InMemoryBallotStore;
import org.urna.kiosk.ui.KioskFonts;
import org.urna.kiosk.ui.KioskLockdown;
import org.urna.kiosk.voter.KioskSetup;
import org.urna.kiosk.voter.VoterKiosk;

/** The demo's window: the kiosk in the middle, the poll worker's and the printer's panel beside. */
public final class DemoApp extends Application {
  private ExecutorService worker;
  private ScheduledExecutorService scheduler;

  @Override
  public void start(Stage stage) {
    DemoMain o = DemoMain.options;
    KioskFonts.load();
    DemoElection election = new DemoElection();
    InMemoryBallotStore box =
        new InMemoryBallotStore(
            election.key.extendedHash(), DemoElection.STATION, election.stationKey);
    SimulatedPrinter printer = new SimulatedPrinter(20);
    DemoActivation activation = new DemoActivation();
    worker = Executors.newSingleThreadExecutor(daemon("kiosk-worker"));
    scheduler = Executors.newSingleThreadScheduledExecutor(daemon("kiosk-timer"));
    KioskSetup setup =
        new KioskSetup(
            election.manifest,
            election.key,
            DemoElection.STATION,
            box,
            printer,
            new IdleTimer.Timeouts(
                Duration.ofSeconds(o.warnAfter), Duration.ofSeconds(o.answerWithin)),
            o.lookupUrl,
            Clock.systemUTC(),
            new SecureRandom(),
            Platform::runLater,
            worker,
            scheduler);
    VoterKiosk kiosk = new VoterKiosk(setup, activation);
    kiosk.viewModel().openPolls();

    PollWorkerPanel panel = new PollWorkerPanel(election, activation, printer, box, kiosk);
    printer.onPrinted(
        page ->
            Platform.runLater(
                () ->
                    panel.showPaper(page.document().kind(), new ByteArrayInputStream(page.png()))));
    BorderPane window = new BorderPane(kiosk.root());
    window.setRight(panel.node());
    Scene scene = new Scene(window, 1600, 1000);
    kiosk.attach(scene);
    stage.setTitle("Urna — voter's kiosk (demo)");
    stage.setScene(scene);
    if (o.kiosk) {
      KioskLockdown.lockDown(stage, scene);
    } else {
      KioskLockdown.allowFullScreenToggle(stage, scene);
      stage.setFullScreen(o.fullScreen);
    }
    if (o.startupProbe) {
      scene.addPostLayoutPulseListener(
          () -> {
            long ms =
                Duration.between(
                        ProcessHandle.current().info().startInstant().orElseThrow(), Instant.now())
                    .toMillis();
            System.out.println("kiosk.waitingScreen.firstFrame.ms=" + ms);
            System.out.flush();
            Runtime.getRuntime().halt(0);
          });
    }
    stage.show();
  }

  @Override
  public void stop() {
    if (worker != null) {
      worker.shutdownNow();
      scheduler.shutdownNow();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
