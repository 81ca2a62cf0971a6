package org.urna.kiosk.voter;

import static org.urna.kiosk.ui.KioskControls.button;
import static org.urna.kiosk.ui.KioskControls.column;
import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.list;
import static org.urna.kiosk.ui.KioskControls.navBar;
import static org.urna.kiosk.ui.KioskControls.scroll;
import static org.urna.kiosk.ui.KioskControls.text;
import static org.urna.kiosk.ui.KioskControls.wideButton;

import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** Review: one tappable row per contest; undervotes stand out. */
final class ReviewView {
  private ReviewView() {}

  static Node build(ReviewViewModel vm, KioskViewModel kiosk) {
    VoterSession session = kiosk.session();
    VBox rows = list();
    for (ReviewViewModel.Row r : vm.rows()) {
      StringBuilder label = new StringBuilder(r.title());
      for (String name : r.chosen()) {
        label.append("\n   ✓ ").append(name);
      }
      if (r.undervoted()) {
        label.append('\n').append(r.warning());
      }
      label.append("\n✎ ").append(r.changeLabel());
      rows.getChildren()
          .add(
              wideButton(
                  "edit-" + r.contestId(),
                  label.toString(),
                  () -> session.change(r.contestId()),
                  r.undervoted()
                      ? new String[] {"review-row", "undervote"}
                      : new String[] {"review-row"}));
    }
    VBox v =
        column(
            heading(vm.title()),
            text(vm.body()),
            scroll(rows),
            navBar(
                button("back", vm.backLabel(), session::back),
                button("print", vm.printLabel(), session::print, "primary")));
    v.setId("screen-review");
    return v;
  }
}
