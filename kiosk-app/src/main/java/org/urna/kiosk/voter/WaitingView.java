package org.urna.kiosk.voter;

import static org.urna.kiosk.ui.KioskControls.column;
import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.text;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** The waiting screen. */
final class WaitingView {
  private WaitingView() {}

  static Node build(WaitingViewModel vm) {
    VBox v = column(heading(vm.title()), text(vm.body()));
    v.setAlignment(Pos.CENTER);
    v.setId(vm.pollsOpen() ? "screen-waiting" : "screen-closed");
    return v;
  }
}
