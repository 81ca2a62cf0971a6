package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.robot.BaseRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.urna.kiosk.station.IdleTimer;

/**
 * Base of the voter stories: a fresh kiosk per test, and the voter's gestures.
 *
 * <p>Each gesture (a tap, a key) goes to the screen as one press and release where the finger lands
 * and then waits for the FX events it caused, so the looks at the screen that follow ({@link
 * #onFx}) read the screen as the voter sees it without waiting again. Screenshots are encoded to
 * PNG on a background thread; the test waits for every file before it ends.
 */
abstract class KioskStory extends FxRobot {
  /** Encodes the screenshots' PNG files while the story goes on. */
  private static final ExecutorService PNG_WRITER =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("png-writer").factory());

  private final List<Future<?>> pngs = new ArrayList<>();

  static final int WIDTH = 1280;
  static final int HEIGHT = 1024;
  KioskRig rig;
  VoterKiosk kiosk;
  Scene scene;

  IdleTimer.Timeouts timeouts() {
    return KioskRig.patient();
  }

  /** The election on the kiosk: the demo's, unless a story needs another. */
  org.urna.core.election.ElectionManifest manifest() {
    return KioskRig.ELECTION.manifest;
  }

  @BeforeEach
  void startKiosk() throws TimeoutException {
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(this::start);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private void start(Stage stage) {
    rig = new KioskRig(timeouts(), manifest());
    kiosk = new VoterKiosk(rig.setup, rig.activation);
    scene = new Scene(kiosk.root(), WIDTH, HEIGHT);
    kiosk.attach(scene);
    kiosk.viewModel().openPolls();
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void stopRig() throws InterruptedException, ExecutionException {
    for (Future<?> png : pngs) {
      png.get();
    }
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

  /**
   * Taps a control the way a finger does: when it is on another page of the list (or disabled until
   * the voter has seen every choice), the voter first turns the pages with "▲" / "▼", as a voter
   * would; then it is scrolled into view, pressed and released on it.
   */
  /** Waits until the button {@code id} is shown enabled (a re-rendered screen). */
  void waitUntilEnabled(String id) {
    try {
      WaitForAsyncUtils.waitFor(
          10,
          java.util.concurrent.TimeUnit.SECONDS,
          () ->
              WaitForAsyncUtils.asyncFx(
                      () -> lookup("#" + id).tryQuery().map(n -> !n.isDisabled()).orElse(false))
                  .get());
    } catch (TimeoutException e) {
      throw new AssertionError("#" + id + " never became enabled", e);
    }
  }

  void tap(String id) {
    if (!usable(id) && usable("page-prev")) {
      for (int i = 0; i < 30 && usable("page-prev"); i++) {
        press("page-prev");
      }
    }
    for (int i = 0; i < 30 && !usable(id) && usable("page-next"); i++) {
      press("page-next");
    }
    press(id);
  }

  private void press(String id) {
    Node n = lookup("#" + id).query();
    double[] at = new double[2];
    onFx(
        () -> {
          scrollIntoView(n);
          // the middle of the part that shows: a choice taller than its list shows in parts
          Bounds b = clipToScrollPane(n, n.localToScene(n.getLayoutBounds()));
          if (b != null) {
            at[0] = b.getCenterX() + scene.getX() + scene.getWindow().getX();
            at[1] = b.getCenterY() + scene.getY() + scene.getWindow().getY();
          }
        });
    if (at[0] == 0 && at[1] == 0) {
      clickOn(n);
    } else {
      // a finger lands where it taps: no glide across the screen on the way (TestFX's clickOn moves
      // the mouse there in up to 200 steps, a sleep and a wait for events at each)
      BaseRobot finger = robotContext().getBaseRobot();
      finger.moveMouse(new Point2D(at[0], at[1]));
      finger.pressMouse(MouseButton.PRIMARY);
      finger.releaseMouse(MouseButton.PRIMARY);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  /**
   * Presses and releases {@code keys} together (a chord; one key is a plain key stroke), then waits
   * for the FX events it caused.
   */
  void hit(KeyCode... keys) {
    BaseRobot keypad = robotContext().getBaseRobot();
    for (KeyCode k : keys) {
      keypad.pressKeyboard(k);
    }
    for (int i = keys.length - 1; i >= 0; i--) {
      keypad.releaseKeyboard(keys[i]);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  /** The id of the control that has the focus (null when none has it). */
  String focusedId() {
    return onFx(() -> scene.getFocusOwner() == null ? null : scene.getFocusOwner().getId());
  }

  /**
   * Looks at the screen: runs {@code look} on the FX thread and returns what it saw. Unlike {@link
   * #interact}, no wait for FX events after it: a look changes nothing, and the gesture before it
   * already waited for the events it caused.
   */
  <T> T onFx(java.util.concurrent.Callable<T> look) {
    return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(look));
  }

  void onFx(Runnable look) {
    WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(look));
  }

  /** The control is on screen now (on the page shown, every parent visible) and enabled. */
  boolean usable(String id) {
    return onFx(
        () -> {
          var n = lookup("#" + id).tryQuery();
          return n.isPresent() && VoterShell.usable(n.get());
        });
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

  /**
   * On a contest screen, as a voter who reads every choice: notes each choice that is on screen
   * (inside the window, on the page shown), turning the pages with "▼" while "Next" is disabled.
   * Asserts that "Next" enabled only after every selection of the contest had been on screen, and
   * that focus stayed on a visible control at each page. Returns the pages seen.
   */
  int readEveryChoice(String contestId) {
    var contest =
        manifest().contests().stream().filter(c -> c.id().equals(contestId)).findFirst().get();
    java.util.Map<String, List<double[]>> shownParts = new java.util.HashMap<>();
    int pages = 1;
    for (; ; pages++) {
      for (String sid : contest.selectionIds()) {
        double[] part = shownPart("sel-" + sid);
        if (part != null) {
          shownParts.computeIfAbsent(sid, k -> new ArrayList<>()).add(part);
        }
      }
      assertFocusOnAVisibleControl();
      if (usable("next")) {
        break;
      }
      assertThat(usable("page-next"))
          .as("Next is disabled, so the voter must be able to turn the page")
          .isTrue();
      tap("page-next");
      assertThat(pages).as("pages of " + contestId).isLessThan(40);
    }
    List<String> seen =
        shownParts.entrySet().stream()
            .filter(e -> covered(e.getValue()))
            .map(java.util.Map.Entry::getKey)
            .toList();
    assertThat(seen)
        .as(
            "every choice of "
                + contestId
                + " was on screen (every part of it) before Next enabled")
        .containsExactlyInAnyOrderElementsOf(contest.selectionIds());
    return pages;
  }

  /**
   * The part of a control the voter sees now, as {from, to, height} in its own height (null when
   * none): the control usable, inside the window, cut by the clip of a list that shows it in parts.
   */
  private double[] shownPart(String id) {
    double[][] out = new double[1][];
    onFx(
        () -> {
          var found = lookup("#" + id).tryQuery();
          if (found.isEmpty() || !VoterShell.usable(found.get())) {
            return;
          }
          Node n = found.get();
          Bounds b = n.localToScene(n.getLayoutBounds());
          double top = Math.max(b.getMinY(), 0);
          double bottom = Math.min(b.getMaxY(), scene.getHeight());
          for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p.getClip() != null || p instanceof ScrollPane) {
              Bounds v = p.localToScene(p.getLayoutBounds());
              top = Math.max(top, v.getMinY());
              bottom = Math.min(bottom, v.getMaxY());
            }
          }
          if (bottom > top && b.getMinX() >= -1 && b.getMaxX() <= scene.getWidth() + 1) {
            out[0] = new double[] {top - b.getMinY(), bottom - b.getMinY(), b.getHeight()};
          }
        });
    return out[0];
  }

  /** The parts seen cover the whole control, top to bottom. */
  private static boolean covered(List<double[]> parts) {
    List<double[]> sorted = new ArrayList<>(parts);
    sorted.sort(java.util.Comparator.comparingDouble(p -> p[0]));
    double reach = 0;
    for (double[] p : sorted) {
      if (p[0] > reach + 1) {
        return false;
      }
      reach = Math.max(reach, p[1]);
    }
    return reach >= sorted.getFirst()[2] - 1;
  }

  /** The control is usable and its whole box lies inside the window. */
  boolean onScreen(String id) {
    boolean[] out = new boolean[1];
    onFx(
        () -> {
          var n = lookup("#" + id).tryQuery();
          if (n.isPresent() && VoterShell.usable(n.get())) {
            Bounds b = n.get().localToScene(n.get().getLayoutBounds());
            out[0] =
                b.getMinX() >= -1
                    && b.getMinY() >= -1
                    && b.getMaxX() <= scene.getWidth() + 1
                    && b.getMaxY() <= scene.getHeight() + 1
                    && insideClips(n.get(), b);
          }
        });
    return out[0];
  }

  private static boolean insideClips(Node n, Bounds b) {
    for (Node p = n.getParent(); p != null; p = p.getParent()) {
      if (p.getClip() != null || p instanceof ScrollPane) {
        Bounds v = p.localToScene(p.getLayoutBounds());
        if (b.getMinY() < v.getMinY() - 1 || b.getMaxY() > v.getMaxY() + 1) {
          return false;
        }
      }
    }
    return true;
  }

  /** Focus is on an enabled control that the voter can see, inside the window. */
  void assertFocusOnAVisibleControl() {
    String id = focusedId();
    assertThat(id).as("something has the focus").isNotNull();
    assertThat(shownPart(id)).as("the focused #" + id + " shows on screen").isNotNull();
  }

  /** The screen fits the window: nothing is laid out beyond its edges. */
  void assertFitsTheWindow() {
    double[] wh = new double[2];
    onFx(
        () -> {
          wh[0] = kiosk.root().getLayoutBounds().getWidth();
          wh[1] = kiosk.root().getLayoutBounds().getHeight();
        });
    assertThat(wh[0]).as("screen width").isLessThanOrEqualTo(scene.getWidth() + 0.5);
    assertThat(wh[1]).as("screen height").isLessThanOrEqualTo(scene.getHeight() + 0.5);
  }

  /**
   * Every text on screen has capitals at least 3.5 mm high on the configured kiosk screen (VVSG
   * 2.0), measured from the font size of each Text node that shows.
   */
  void assertNoTextUnderTheMinimum() {
    var screen = org.urna.kiosk.ui.ScreenGeometry.configured();
    List<String> small = new ArrayList<>();
    onFx(
        () -> {
          List<Node> all = new ArrayList<>();
          allNodes(kiosk.root(), all);
          for (Node n : all) {
            if (n instanceof javafx.scene.text.Text t
                && t.getText() != null
                && !t.getText().isBlank()
                && VoterShell.usableOrPlain(t)) {
              double mm = screen.capMm(t.getFont().getSize());
              if (mm < org.urna.kiosk.ui.ScreenGeometry.MIN_CAP_MM) {
                small.add(String.format("%.2f mm: %s", mm, t.getText()));
              }
            }
          }
        });
    assertThat(small).as("texts with capitals under 3.5 mm").isEmpty();
  }

  private static void allNodes(Node n, List<Node> out) {
    out.add(n);
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        allNodes(c, out);
      }
    }
  }

  /**
   * Saves the kiosk's screen as docs/screenshots/kiosk/<name>.png: the screen is taken now, the
   * file written on a background thread (the test waits for it before it ends).
   */
  void screenshot(String name) {
    WritableImage img = onFx(() -> kiosk.root().snapshot(null, null));
    Path dir = Path.of(System.getProperty("urna.screenshots", "target/screenshots"));
    pngs.add(
        PNG_WRITER.submit(
            () -> {
              BufferedImage b = SwingFXUtils.fromFXImage(img, null);
              try {
                Files.createDirectories(dir);
                ImageIO.write(b, "png", dir.resolve(name + ".png").toFile());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }));
  }

  /** No label or button shows an ellipsis instead of its text: long texts wrap, never cut. */
  void assertNothingCut() {
    List<String> cut = new ArrayList<>();
    onFx(
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
    onFx(
        () -> {
          List<Bounds> seen = new ArrayList<>();
          for (Node n : lookup(".button").queryAll()) {
            if (!VoterShell.usable(n) || n.getScene() == null) {
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

  /** The part of {@code b} that shows: cut by every scroll pane and clipped list around it. */
  private static Bounds clipToScrollPane(Node n, Bounds b) {
    double minX = b.getMinX();
    double minY = b.getMinY();
    double maxX = b.getMaxX();
    double maxY = b.getMaxY();
    for (Parent p = n.getParent(); p != null; p = p.getParent()) {
      if (p instanceof ScrollPane || p.getClip() != null) {
        Bounds v = p.localToScene(p.getLayoutBounds());
        minX = Math.max(minX, v.getMinX());
        minY = Math.max(minY, v.getMinY());
        maxX = Math.min(maxX, v.getMaxX());
        maxY = Math.min(maxY, v.getMaxY());
      }
    }
    if (maxX <= minX || maxY <= minY) {
      return null;
    }
    return new javafx.geometry.BoundingBox(minX, minY, maxX - minX, maxY - minY);
  }
}
