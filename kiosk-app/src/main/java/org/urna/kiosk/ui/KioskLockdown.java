package org.urna.kiosk.ui;

import javafx.application.Platform;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * The window settings of a locked-down kiosk (packaging/README.md): full screen with no exit key
 * and no hint, close requests refused, the application kept alive without windows, no pointer.
 * Alt-F4 and VT switching belong to the session (run it without a window manager). Outside kiosk
 * mode, F11 toggles full screen for the demo.
 */
public final class KioskLockdown {
  private KioskLockdown() {}

  public static void lockDown(Stage stage, Scene scene) {
    Platform.setImplicitExit(false);
    stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
    stage.setFullScreenExitHint("");
    stage.setOnCloseRequest(e -> e.consume());
    scene.setCursor(Cursor.NONE);
    stage.setFullScreen(true);
  }

  public static void allowFullScreenToggle(Stage stage, Scene scene) {
    scene.addEventFilter(
        KeyEvent.KEY_PRESSED,
        e -> {
          if (e.getCode() == KeyCode.F11) {
            stage.setFullScreen(!stage.isFullScreen());
            e.consume();
          }
        });
  }
}
