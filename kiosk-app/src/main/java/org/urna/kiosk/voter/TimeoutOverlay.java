package org.urna.kiosk.voter;

import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.text;
import static org.urna.kiosk.ui.KioskControls.wideButton;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The inactivity warning, over everything; its countdown text updates in place. */
final class TimeoutOverlay {
  private final StackPane overlay;
  private final Label title;
  private final Label body;

  TimeoutOverlay(TimeoutViewModel vm, KioskViewModel kiosk) {
    title = heading(vm.title());
    body = text(vm.body());
    body.setId("timeout-countdown");
    VBox dialog =
        new VBox(title, body, wideButton("still-here", vm.stayLabel(), kiosk::activity, "primary"));
    dialog.getStyleClass().add("dialog");
    dialog.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    overlay = new StackPane(dialog);
    overlay.getStyleClass().add("overlay");
    overlay.setId("timeout-warning");
  }

  Node node() {
    return overlay;
  }

  void update(TimeoutViewModel vm) {
    title.setText(vm.title());
    body.setText(vm.body());
  }
}
