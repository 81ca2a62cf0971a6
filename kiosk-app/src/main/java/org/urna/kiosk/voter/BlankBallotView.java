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

/** "Your ballot is blank": the empty contests by name, go back (first) or print it blank. */
final class BlankBallotView {
  private BlankBallotView() {}

  static Node build(BlankBallotViewModel vm, KioskViewModel kiosk) {
    VoterSession session = kiosk.session();
    VBox names = list();
    for (String contest : vm.emptyContests()) {
      names.getChildren().add(text("• " + contest, "blank-list"));
    }
    VBox v =
        column(
            heading(vm.title()),
            scroll(list(text(vm.body()), names)),
            navBar(
                button("blank-back", vm.backLabel(), session::cancelBlank, "primary"),
                button("print-blank", vm.printLabel(), session::printBlank)));
    v.setId("screen-blank-ballot");
    v.getProperties().put(ContestView.INITIAL_FOCUS, "blank-back");
    return v;
  }
}
