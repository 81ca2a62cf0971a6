package org.urna.kiosk.voter;

import java.util.List;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import org.urna.kiosk.ui.ScreenGeometry;

/**
 * The root of the voter's screens: the settings bar, the current screen, the timeout warning. On
 * every change of the view-model the screen is rebuilt from its view-model (so nothing of an
 * earlier screen can linger) and focus goes back to the control of the same id, else to the first
 * control of the screen. Enter and Space press the focused button; Tab / Shift-Tab move.
 */
public final class VoterShell {
  public static final String STYLESHEET = "/org/urna/kiosk/ui/kiosk.css";

  private final KioskViewModel vm;
  private final StackPane root = new StackPane();
  private final BorderPane frame = new BorderPane();
  private boolean renderQueued;
  private VoterScreen shownScreen;
  private Object shownSettings;
  private String shownLook;
  private TimeoutOverlay overlay;
  private String focusBeforeOverlay;
  private final ScreenGeometry screenGeometry;

  public VoterShell(KioskViewModel vm) {
    this(vm, ScreenGeometry.configured());
  }

  public VoterShell(KioskViewModel vm, ScreenGeometry screenGeometry) {
    this.vm = vm;
    this.screenGeometry = screenGeometry;
    root.getStyleClass().add("kiosk-root");
    root.getStylesheets().add(VoterShell.class.getResource(STYLESHEET).toExternalForm());
    root.getChildren().add(frame);
    root.setId("kiosk-root");
    vm.addListener(this::queueRender);
    render();
  }

  public Parent root() {
    return root;
  }

  /** Wires keyboard and activity handling into the scene that shows this shell. */
  public void attach(Scene scene) {
    scene.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> vm.activity());
    scene.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          vm.activity();
          if (e.getCode() == KeyCode.ENTER && scene.getFocusOwner() instanceof ButtonBase b) {
            b.fire();
            e.consume();
          }
        });
  }

  private void queueRender() {
    if (Platform.isFxApplicationThread() && !renderQueued) {
      renderQueued = true;
      Platform.runLater(this::render);
    } else if (!Platform.isFxApplicationThread()) {
      Platform.runLater(this::queueRender);
    }
  }

  /**
   * Rebuilds the screen from the view-model now (FX thread). A screen whose view-model did not
   * change is kept as it is (the countdown of the timeout warning only updates its own text).
   */
  public void render() {
    renderQueued = false;
    String focusedId = focusedId();
    VoterScreen screen = vm.screen();
    var settings = vm.settings();
    String look =
        "size-" + vm.textSize() + (vm.highContrast() ? " theme-contrast" : " theme-standard");
    boolean sameScreen =
        screen.equals(shownScreen) && settings.equals(shownSettings) && look.equals(shownLook);
    if (!sameScreen) {
      root.getStyleClass().removeIf(c -> c.startsWith("size-") || c.startsWith("theme-"));
      root.getStyleClass().addAll(look.split(" "));
      root.setStyle("-fx-font-size: " + screenGeometry.fontPx(vm.textSize()) + "px;");
      String before = frame.getCenter() == null ? null : frame.getCenter().getId();
      frame.setTop(
          settings
              .map(
                  s -> {
                    Node bar = SettingsBar.build(s, vm);
                    bar.setStyle(
                        "-fx-font-size: " + screenGeometry.settingsFontPx(vm.textSize()) + "px;");
                    return bar;
                  })
              .orElse(null));
      frame.setCenter(
          switch (screen) {
            case WaitingViewModel w -> WaitingView.build(w);
            case LanguageViewModel l -> LanguageView.build(l, vm);
            case ContestViewModel c -> ContestView.build(c, vm);
            case ReviewViewModel r -> ReviewView.build(r, vm);
            case BlankBallotViewModel b -> BlankBallotView.build(b, vm);
            case PaperViewModel p -> PaperView.build(p, vm);
            case OutcomeViewModel o -> OutcomeView.build(o, vm);
          });
      if (!java.util.Objects.equals(before, frame.getCenter().getId())) {
        focusedId = null; // a new screen: focus its first control, not the settings bar
      }
      shownScreen = screen;
      shownSettings = settings;
      shownLook = look;
    }
    var warning = vm.timeoutWarning();
    boolean overlayChanged = warning.isPresent() != (overlay != null);
    if (warning.isEmpty()) {
      root.getChildren().retainAll(List.of(frame));
      if (overlay != null && sameScreen) {
        focusedId = focusBeforeOverlay;
      }
      overlay = null;
    } else if (overlay == null) {
      focusBeforeOverlay = focusedId;
      overlay = new TimeoutOverlay(warning.get(), vm);
      root.getChildren().add(overlay.node());
    } else {
      overlay.update(warning.get());
    }
    if (root.getScene() != null && (!sameScreen || overlayChanged)) {
      root.applyCss();
      // paged lists settle in a pass or two (their page bar may appear): lay out before focusing
      for (int i = 0; i < 4; i++) {
        root.layout();
      }
      restoreFocus(focusedId);
    }
  }

  private String focusedId() {
    Scene scene = root.getScene();
    if (scene == null || scene.getFocusOwner() == null) {
      return null;
    }
    return scene.getFocusOwner().getId();
  }

  /**
   * Focus goes back to the control of the same id when it is still usable (enabled and on screen);
   * the other text-size button when that one reached its end; else the control the screen names
   * (the choice just tapped, the review row of the contest just edited); else the first usable
   * button of the screen; else, on a screen without buttons (printing), its heading. Never to a
   * control the voter cannot see.
   */
  private void restoreFocus(String id) {
    Node top = root.getChildren().getLast();
    Node center = top == frame ? frame.getCenter() : top;
    Node target = find(top, id);
    if (target != null && !usable(target) && id.startsWith("text-")) {
      target = find(top, id.equals("text-larger") ? "text-smaller" : "text-larger");
    }
    if ((target == null || !usable(target)) && center != null) {
      Object hint = center.getProperties().get(ContestView.INITIAL_FOCUS);
      target = hint == null ? null : find(center, hint.toString());
    }
    if (target == null || !usable(target)) {
      target = firstButton(center);
    }
    if (target == null && center != null) {
      target = center.lookup(".heading");
      if (target != null) {
        target.setFocusTraversable(true);
        if (target.getId() == null) {
          target.setId("screen-heading");
        }
      }
    }
    if (target != null) {
      reveal(target);
      target.requestFocus();
    }
  }

  private Node find(Node top, String id) {
    if (id == null || top == null) {
      return null;
    }
    Node n = top.lookup("#" + id);
    if (n == null && top == frame && frame.getTop() != null) {
      n = frame.getTop().lookup("#" + id);
    }
    return n;
  }

  /** Enabled and on screen: every parent visible, not scrolled or paged away. */
  static boolean usable(Node n) {
    if (n.isDisabled()) {
      return false;
    }
    for (Node p = n; p != null; p = p.getParent()) {
      if (!p.isVisible()) {
        return false;
      }
    }
    return true;
  }

  /** Shown: every parent visible (a text, which is never disabled on purpose). */
  static boolean usableOrPlain(Node n) {
    for (Node p = n; p != null; p = p.getParent()) {
      if (!p.isVisible()) {
        return false;
      }
    }
    return true;
  }

  /** Scrolls a scroll pane holding {@code n} so that {@code n} shows. */
  private static void reveal(Node n) {
    Parent p = n.getParent();
    while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
      p = p.getParent();
    }
    if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
      Node content = sp.getContent();
      double y = content.sceneToLocal(n.localToScene(0, 0)).getY();
      double total = content.getBoundsInLocal().getHeight();
      double view = sp.getViewportBounds().getHeight();
      if (total > view) {
        double h = n.getBoundsInLocal().getHeight();
        double top = sp.getVvalue() * (total - view);
        if (y < top || y + h > top + view) {
          double wanted = Math.max(0, y - Math.max(0, (view - h) / 2));
          sp.setVvalue(Math.min(1, wanted / (total - view)));
          sp.layout();
        }
      }
    }
  }

  private static Node firstButton(Node n) {
    if (n == null) {
      return null;
    }
    if (n instanceof ButtonBase b && usable(b)) {
      return b;
    }
    if (n instanceof Parent p && n.isVisible()) {
      for (Node c : p.getChildrenUnmodifiable()) {
        Node f = firstButton(c);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }
}
