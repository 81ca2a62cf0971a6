package org.urna.kiosk.voter;

import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.text;
import static org.urna.kiosk.ui.KioskControls.wideButton;

import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The inactivity warning, over everything, with its countdown. */
final class TimeoutOverlay {
  private TimeoutOverlay() {}

  static Node build(TimeoutViewModel vm, KioskViewModel kiosk) {
    VBox dialog =
        new VBox(
            heading(vm.title()),
            text(vm.body()),
            wideButton("still-here", vm.stayLabel(), kiosk::activity, "primary"));
    dialog.getStyleClass().add("dialog");
    StackPane overlay = new StackPane(dialog);
    overlay.getStyleClass().add("overlay");
    overlay.setId("timeout-warning");
    return overlay;
  }
}
