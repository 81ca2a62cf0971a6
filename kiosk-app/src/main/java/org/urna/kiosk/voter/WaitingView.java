package org.urna.kiosk.voter;

import static org.urna.kiosk.ui.KioskControls.column;
import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.text;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** The waiting screen, in the current language and then in the election's other languages. */
final class WaitingView {
  private WaitingView() {}

  static Node build(WaitingViewModel vm) {
    VBox v = column(heading(vm.title()), text(vm.body()));
    for (int i = 0; i + 1 < vm.otherLanguages().size(); i += 2) {
      v.getChildren()
          .addAll(
              text(vm.otherLanguages().get(i), "progress-text"),
              text(vm.otherLanguages().get(i + 1)));
    }
    v.setAlignment(Pos.CENTER);
    v.setId(vm.pollsOpen() ? "screen-waiting" : "screen-closed");
    return v;
  }
}
