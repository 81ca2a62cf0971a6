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
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;

/** One contest: header, the full question (referendum), the choices, the limit notice, nav. */
final class ContestView {
  private ContestView() {}

  static Node build(ContestViewModel vm, KioskViewModel kiosk) {
    VoterSession session = kiosk.session();
    VBox body =
        list(
            text(vm.progress(), "progress-text"),
            heading(vm.title()),
            text(vm.rule() + " · " + vm.chosenCount(), "rule"));
    if (!vm.question().isEmpty()) {
      body.getChildren().add(text(vm.question(), "question"));
    }
    for (ContestViewModel.Choice c : vm.choices()) {
      StringBuilder label = new StringBuilder(c.selected() ? "☑  " : "☐  ").append(c.name());
      if (!c.description().isEmpty()) {
        label.append('\n').append(c.description());
      }
      if (c.selected()) {
        label.append('\n').append(c.state());
      }
      Button b =
          wideButton(
              "sel-" + c.selectionId(),
              label.toString(),
              () -> session.tap(c.selectionId()),
              c.selected() ? new String[] {"choice", "selected"} : new String[] {"choice"});
      body.getChildren().add(b);
    }
    VBox v = column(scroll(body));
    if (!vm.notice().isEmpty()) {
      v.getChildren().add(text(vm.notice(), "notice"));
      v.getChildren().getLast().setId("limit-notice");
    }
    v.getChildren()
        .add(
            navBar(
                button("back", vm.backLabel(), session::back),
                button("next", vm.nextLabel(), session::next, "primary")));
    v.setId("screen-contest-" + vm.contestId());
    return v;
  }
}
