package org.urna.kiosk.voter;

import static org.urna.kiosk.ui.KioskControls.button;
import static org.urna.kiosk.ui.KioskControls.column;
import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.list;
import static org.urna.kiosk.ui.KioskControls.navBar;
import static org.urna.kiosk.ui.KioskControls.scroll;
import static org.urna.kiosk.ui.KioskControls.text;

import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** Cast (take the receipt) or challenged (take the VOID slip, vote again). */
final class OutcomeView {
  private OutcomeView() {}

  static Node build(OutcomeViewModel vm, KioskViewModel kiosk) {
    VoterSession s = kiosk.session();
    Runnable action = vm.cast() ? s::finish : s::voteAgain;
    VBox v =
        column(
            scroll(
                list(heading(vm.title()), text(vm.codeLine(), "tracking-code"), text(vm.body()))),
            navBar(null, button(vm.actionId(), vm.actionLabel(), action, "primary")));
    v.setId(vm.cast() ? "screen-cast" : "screen-challenged");
    return v;
  }
}
