package org.urna.kiosk.station;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.urna.hardware.card.role.TrustPolicy;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.ui.KioskFonts;
import org.urna.kiosk.ui.KioskLockdown;
import org.urna.kiosk.ui.ScreenGeometry;
import org.urna.kiosk.ui.StartingScreen;

/**
 * The station's window (decision 0342): the devices opened from the station's context, the station
 * runtime on its state folder, the operator shell with poll-worker mode and service mode, full
 * screen and locked down. Started by {@link StationMain} after the configuration was checked. Its
 * first frame is the starting screen; the station is opened after it and replaces it (decision
 * 0348): nothing can be tapped before the station is open.
 */
public final class StationApp extends Application {
  /** Set by {@link StationMain} before {@link Application#launch}. */
  static volatile StationContext context;

  static volatile boolean smokeTest;

  /**
   * Completed by {@link StationMain} once the configuration was read and checked (the toolkit
   * starts meanwhile); completed exceptionally when it was refused: then no window is shown.
   */
  static volatile java.util.concurrent.CompletableFuture<Void> configured =
      java.util.concurrent.CompletableFuture.completedFuture(null);

  /** The configuration file the station was started with (service mode edits it). */
  static volatile java.nio.file.Path configFile;

  /** {@code -Durna.startup.trace=true}: the smoke test prints the start-up's phases. */
  static final boolean TRACE = Boolean.getBoolean("urna.startup.trace");

  private volatile StationAssembly assembly;
  private volatile boolean stopped;

  /** The card trust policy of {@code config}: its card authority, its revoked serials. */
  static TrustPolicy cardPolicy(StationConfig config) throws IOException {
    return StationAssembly.cardPolicy(config);
  }

  @Override
  public void start(Stage stage) {
    StartupTrace.mark("start");
    try {
      configured.join();
    } catch (java.util.concurrent.CompletionException
        | java.util.concurrent.CancellationException e) {
      Platform.exit();
      return;
    }
    StationContext ctx = context;
    StationConfig config = ctx.config();
    KioskFonts.load();
    ScreenGeometry screen = ScreenGeometry.configured();
    Scene scene =
        new Scene(StartingScreen.of(config.defaultLanguage()), screen.widthPx(), screen.heightPx());
    KioskLockdown.lockDown(stage, scene);
    stage.setTitle("Urna station " + config.stationId());
    stage.setScene(scene);
    stage.setFullScreen(!smokeTest);
    StartingScreen.afterFirstFrame(
        scene,
        () -> {
          StartupTrace.mark("firstFrame");
          openStation(ctx, scene);
        });
    stage.show();
  }

  /** Opens the station after the starting screen's first frame and puts its screen in place. */
  private void openStation(StationContext ctx, Scene scene) {
    if (stopped) {
      return;
    }
    StationAssembly a;
    try {
      a = StationAssembly.open(ctx, configFile);
    } catch (IOException | RuntimeException e) {
      System.err.println("urna-kiosk: the station could not start: " + e.getMessage());
      e.printStackTrace();
      Thread.ofPlatform().start(() -> System.exit(1));
      return;
    }
    assembly = a;
    StartupTrace.mark("stationOpen");
    scene.setRoot(a.root());
    a.attach(scene);
    a.start();
    if (smokeTest) {
      new AnimationTimer() {
        private int frames;

        @Override
        public void handle(long now) {
          if (++frames == 2) {
            stop();
            StartupTrace.mark("stationShown");
            System.out.println(
                "station "
                    + ctx.config().stationId()
                    + ": first screen shown: "
                    + shownWords(scene.getRoot()));
            if (TRACE) {
              System.out.println("kiosk.startup.trace " + StartupTrace.trace());
              System.out.println("kiosk.startup.epoch " + StartupTrace.epochTrace());
            }
            Platform.exit();
          }
        }
      }.start();
    }
  }

  /**
   * The words {@code root} shows: every visible label's text in scene order, joined by " | ". The
   * smoke test prints them so that its caller sees which screen came up, not only that one did.
   */
  static String shownWords(Node root) {
    List<String> words = new ArrayList<>();
    collectWords(root, words);
    return String.join(" | ", words);
  }

  private static void collectWords(Node node, List<String> words) {
    if (!node.isVisible()) {
      return;
    }
    if (node instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
      words.add(l.getText().strip().replaceAll("\\s+", " "));
    }
    if (node instanceof Parent p) {
      for (Node child : p.getChildrenUnmodifiable()) {
        collectWords(child, words);
      }
    }
  }

  /** The open station (tests look at it); null until it is open. */
  StationAssembly assembly() {
    return assembly;
  }

  @Override
  public void stop() {
    stopped = true;
    StationAssembly a = assembly;
    if (a != null) {
      a.close();
    }
  }
}
