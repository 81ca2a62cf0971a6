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

  public VoterShell(KioskViewModel vm) {
    this.vm = vm;
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
      String before = frame.getCenter() == null ? null : frame.getCenter().getId();
      frame.setTop(settings.map(s -> SettingsBar.build(s, vm)).orElse(null));
      frame.setCenter(
          switch (screen) {
            case WaitingViewModel w -> WaitingView.build(w);
            case LanguageViewModel l -> LanguageView.build(l, vm);
            case ContestViewModel c -> ContestView.build(c, vm);
            case ReviewViewModel r -> ReviewView.build(r, vm);
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
      overlay = null;
    } else if (overlay == null) {
      overlay = new TimeoutOverlay(warning.get(), vm);
      root.getChildren().add(overlay.node());
    } else {
      overlay.update(warning.get());
    }
    if (root.getScene() != null && (!sameScreen || overlayChanged)) {
      root.applyCss();
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

  private void restoreFocus(String id) {
    Node top = root.getChildren().getLast();
    Node target = id == null ? null : top.lookup("#" + id);
    if (target == null && top == frame && id != null) {
      target = frame.getTop() == null ? null : frame.getTop().lookup("#" + id);
    }
    if (target == null || target.isDisabled()) {
      target = firstButton(top == frame ? frame.getCenter() : top);
    }
    if (target != null) {
      target.requestFocus();
    }
  }

  private static Node firstButton(Node n) {
    if (n instanceof ButtonBase b && !b.isDisabled()) {
      return b;
    }
    if (n instanceof Parent p) {
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
