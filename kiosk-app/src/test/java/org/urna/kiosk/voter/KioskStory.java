package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.urna.kiosk.station.IdleTimer;

/** Base of the voter stories: a fresh kiosk per test, and the voter's gestures. */
abstract class KioskStory extends FxRobot {
  static final int WIDTH = 1280;
  static final int HEIGHT = 1024;
  KioskRig rig;
  VoterKiosk kiosk;
  Scene scene;

  IdleTimer.Timeouts timeouts() {
    return KioskRig.patient();
  }

  @BeforeEach
  void startKiosk() throws TimeoutException {
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(this::start);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void start(Stage stage) {
    rig = new KioskRig(timeouts());
    kiosk = new VoterKiosk(rig.setup, rig.activation);
    scene = new Scene(kiosk.root(), WIDTH, HEIGHT);
    kiosk.attach(scene);
    kiosk.viewModel().openPolls();
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void stopRig() {
    if (rig != null) {
      rig.close();
    }
  }

  KioskViewModel vm() {
    return kiosk.viewModel();
  }

  void activate(String style) {
    rig.activation.activate(style);
    waitFor("screen-language");
  }

  /** Waits (generously: the CI machine is slow) until a node with this id is showing. */
  void waitFor(String id) {
    try {
      WaitForAsyncUtils.waitFor(
          30,
          TimeUnit.SECONDS,
          () -> WaitForAsyncUtils.asyncFx(() -> lookup("#" + id).tryQuery().isPresent()).get());
    } catch (TimeoutException e) {
      throw new AssertionError("the screen never showed #" + id + "; showing: " + shownIds(), e);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  private String shownIds() {
    return String.valueOf(vm().screen().getClass().getSimpleName());
  }

  /** Taps a control the way a finger does: scrolled into view, pressed and released on it. */
  void tap(String id) {
    Node n = lookup("#" + id).query();
    interact(() -> scrollIntoView(n));
    clickOn(n);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void scrollIntoView(Node n) {
    Parent p = n.getParent();
    while (p != null && !(p instanceof ScrollPane)) {
      p = p.getParent();
    }
    if (p instanceof ScrollPane sp && sp.getContent() != null) {
      Node content = sp.getContent();
      double y = content.sceneToLocal(n.localToScene(0, 0)).getY();
      double total = content.getBoundsInLocal().getHeight();
      double view = sp.getViewportBounds().getHeight();
      if (total > view) {
        double wanted = Math.max(0, y - 12 - (view - n.getBoundsInLocal().getHeight()) / 2);
        sp.setVvalue(Math.min(1, wanted / (total - view)));
        sp.layout();
      }
    }
  }

  boolean isSelected(String selectionId) {
    return lookup("#sel-" + selectionId).query().getStyleClass().contains("selected");
  }

  /** Every text the kiosk's screen shows now. */
  List<String> shownTexts() {
    List<String> out = new ArrayList<>();
    collect(kiosk.root(), out);
    return out;
  }

  private static void collect(Node n, List<String> out) {
    if (n instanceof Labeled l && l.getText() != null) {
      out.add(l.getText());
    }
    if (n instanceof ScrollPane sp && sp.getContent() != null) {
      collect(sp.getContent(), out);
    }
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        collect(c, out);
      }
    }
  }

  /** Saves the kiosk's screen as docs/screenshots/kiosk/<name>.png. */
  void screenshot(String name) {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage[] img = new WritableImage[1];
    interact(() -> img[0] = kiosk.root().snapshot(null, null));
    BufferedImage b = SwingFXUtils.fromFXImage(img[0], null);
    Path dir = Path.of(System.getProperty("urna.screenshots", "target/screenshots"));
    try {
      Files.createDirectories(dir);
      ImageIO.write(b, "png", dir.resolve(name + ".png").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** No label or button shows an ellipsis instead of its text: long texts wrap, never cut. */
  void assertNothingCut() {
    List<String> cut = new ArrayList<>();
    interact(
        () -> {
          for (Node n : lookup(".labeled").queryAll()) {
            if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
              for (Node t : l.lookupAll(".text")) {
                if (t instanceof javafx.scene.text.Text text
                    && t.getParent() == l
                    && !text.getText().replace("\n", "").equals(l.getText().replace("\n", ""))) {
                  cut.add(l.getText() + " -> " + text.getText());
                }
              }
            }
          }
        });
    assertThat(cut).as("texts cut on screen").isEmpty();
  }

  /**
   * Every button of the screen is at least 60 px high, and no two overlap where they show (a button
   * scrolled out of its scroll pane's viewport is clipped to it).
   */
  void assertTouchTargets() {
    List<String> problems = new ArrayList<>();
    interact(
        () -> {
          List<Bounds> seen = new ArrayList<>();
          for (Node n : lookup(".button").queryAll()) {
            if (!n.isVisible() || n.getScene() == null) {
              continue;
            }
            Bounds b = n.localToScene(n.getLayoutBounds());
            if (b.getHeight() < 60) {
              problems.add(n.getId() + " is " + b.getHeight() + " px high");
            }
            Bounds shown = clipToScrollPane(n, b);
            if (shown == null) {
              continue;
            }
            for (Bounds o : seen) {
              if (shown.intersects(
                  o.getMinX() + 1, o.getMinY() + 1, o.getWidth() - 2, o.getHeight() - 2)) {
                problems.add(n.getId() + " overlaps another button");
              }
            }
            seen.add(shown);
          }
        });
    assertThat(problems).isEmpty();
  }

  private static Bounds clipToScrollPane(Node n, Bounds b) {
    Parent p = n.getParent();
    while (p != null && !(p instanceof ScrollPane)) {
      p = p.getParent();
    }
    if (p == null) {
      return b;
    }
    Bounds v = p.localToScene(p.getLayoutBounds());
    double minX = Math.max(b.getMinX(), v.getMinX());
    double minY = Math.max(b.getMinY(), v.getMinY());
    double maxX = Math.min(b.getMaxX(), v.getMaxX());
    double maxY = Math.min(b.getMaxY(), v.getMaxY());
    if (maxX <= minX || maxY <= minY) {
      return null;
    }
    return new javafx.geometry.BoundingBox(minX, minY, maxX - minX, maxY - minY);
  }
}
