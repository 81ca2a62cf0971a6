package org.urna.kiosk.voter;

import static org.urna.kiosk.ui.KioskControls.button;
import static org.urna.kiosk.ui.KioskControls.column;
import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.navBar;
import static org.urna.kiosk.ui.KioskControls.text;
import static org.urna.kiosk.ui.KioskControls.wideButton;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.urna.kiosk.ui.PagedList;

/**
 * Review: one tappable row per contest, paged like a contest's choices; undervotes stand out.
 * "Print" stays disabled until every row has been on screen.
 */
final class ReviewView {
  private ReviewView() {}

  static Node build(ReviewViewModel vm, KioskViewModel kiosk) {
    VoterSession session = kiosk.session();
    List<Node> rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (ReviewViewModel.Row r : vm.rows()) {
      StringBuilder label = new StringBuilder(r.title());
      for (ReviewViewModel.Chosen c : r.chosen()) {
        label.append("\n   ✓ ").append(c.name());
        if (!c.party().isEmpty()) {
          label.append("\n      ").append(c.party());
        }
      }
      if (r.undervoted()) {
        label.append('\n').append(r.warning());
      }
      label.append("\n✎ ").append(r.changeLabel());
      rows.add(
          wideButton(
              "edit-" + r.contestId(),
              label.toString(),
              () -> session.change(r.contestId()),
              r.undervoted()
                  ? new String[] {"review-row", "undervote"}
                  : new String[] {"review-row"}));
      ids.add(r.contestId());
    }
    Button print = button("print", vm.printLabel(), session::print, "primary");
    print.setDisable(!session.allSeen(VoterSession.REVIEW));
    PageBar bar = new PageBar(vm.paging(), 0, session::showFrom);
    PagedList list =
        new PagedList(
            rows, vm.anchor(), 12, page -> bar.show(page, !session.allSeen(VoterSession.REVIEW)));
    list.onSettled(
        page -> {
          boolean all = session.shown(VoterSession.REVIEW, ids.subList(page.first(), page.end()));
          print.setDisable(!all);
          bar.show(page, !all);
        });
    VBox.setVgrow(list, Priority.ALWAYS);
    VBox v =
        column(
            heading(vm.title()),
            text(vm.body()),
            list,
            bar.node(),
            navBar(button("back", vm.backLabel(), session::back), print));
    v.setId("screen-review");
    if (!vm.focusContest().isEmpty()) {
      v.getProperties().put(ContestView.INITIAL_FOCUS, "edit-" + vm.focusContest());
    }
    return v;
  }
}
