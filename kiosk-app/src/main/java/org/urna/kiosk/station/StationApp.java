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

  private StationAssembly assembly;

  /** The card trust policy of {@code config}: its card authority, its revoked serials. */
  static TrustPolicy cardPolicy(StationConfig config) throws IOException {
    return StationAssembly.cardPolicy(config);
  }

  @Override
  public void start(Stage stage) throws IOException {
    StationContext ctx = context;
    StationConfig config = ctx.config();
    KioskFonts.load();
    assembly = StationAssembly.open(ctx, configFile);
    ScreenGeometry screen = ScreenGeometry.configured();
    Scene scene = new Scene(assembly.root(), screen.widthPx(), screen.heightPx());
    assembly.attach(scene);
    KioskLockdown.lockDown(stage, scene);
    stage.setTitle("Urna station " + config.stationId());
    stage.setScene(scene);
    stage.setFullScreen(!smokeTest);
    stage.show();
    assembly.start();
    if (smokeTest) {
      new AnimationTimer() {
        private int frames;

        @Override
        public void handle(long now) {
          if (++frames == 2) {
            stop();
            System.out.println(
                "station "
                    + config.stationId()
                    + ": first screen shown: "
                    + shownWords(scene.getRoot()));
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

  @Override
  public void stop() {
    if (assembly != null) {
      assembly.close();
    }
  }
}
