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
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.urna.kiosk.ui.PagedList;

/**
 * One contest: header, then the question (referendum) and the choices as a paged list that shows
 * only whole choices (decision 0321), the page bar, nav. "Next" stays disabled until every choice
 * of the contest has been on screen. A choice looks the same size marked or not, so nothing moves
 * when the voter marks one; the over-the-limit explanation opens over the screen instead of pushing
 * the list.
 */
final class ContestView {
  static final String INITIAL_FOCUS = "initial-focus";

  private ContestView() {}

  static Node build(ContestViewModel vm, KioskViewModel kiosk) {
    VoterSession session = kiosk.session();
    VBox header =
        new VBox(
            12,
            text(vm.progress(), "progress-text"),
            heading(vm.title()),
            text(vm.rule() + " · " + vm.chosenCount(), "rule"));
    header.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    List<Node> items = new ArrayList<>();
    int lead = 0;
    if (!vm.question().isEmpty()) {
      items.add(text(vm.question(), "question"));
      lead = 1;
    }
    List<String> ids = new ArrayList<>();
    for (ContestViewModel.Choice c : vm.choices()) {
      StringBuilder label = new StringBuilder(c.selected() ? "☑  " : "☐  ").append(c.name());
      if (!c.description().isEmpty()) {
        label.append('\n').append(c.description());
      }
      label.append('\n').append(c.state());
      Button b =
          wideButton(
              "sel-" + c.selectionId(),
              label.toString(),
              () -> session.tap(c.selectionId()),
              c.selected() ? new String[] {"choice", "selected"} : new String[] {"choice"});
      items.add(b);
      ids.add(c.selectionId());
    }
    Button next = button("next", vm.nextLabel(), session::next, "primary");
    next.setDisable(!session.allSeen(vm.contestId()));
    PageBar bar = new PageBar(vm.paging(), lead, session::showFrom);
    int skip = lead;
    PagedList list =
        new PagedList(
            items, vm.anchor(), 12, page -> bar.show(page, !session.allSeen(vm.contestId())));
    list.onSettled(
        page -> {
          // a choice taller than the list counts once its last part has been on screen
          boolean morePartsOfIt =
              page.oversized()
                  && page.hasNext()
                  && page.nextStart() / PagedList.PARTS == page.first();
          List<String> onPage =
              morePartsOfIt
                  ? List.of()
                  : ids.subList(Math.max(0, page.first() - skip), Math.max(0, page.end() - skip));
          boolean all = session.shown(vm.contestId(), onPage);
          next.setDisable(!all);
          bar.show(page, !all);
        });
    VBox.setVgrow(list, Priority.ALWAYS);
    VBox v =
        column(
            header, list, bar.node(), navBar(button("back", vm.backLabel(), session::back), next));
    v.setId("screen-contest-" + vm.contestId());
    if (!vm.focusSelection().isEmpty()) {
      v.getProperties().put(INITIAL_FOCUS, "sel-" + vm.focusSelection());
    }
    if (vm.notice().isEmpty()) {
      return v;
    }
    v.setDisable(true);
    StackPane screen = new StackPane(v, noticeDialog(vm, session));
    screen.setId(v.getId());
    v.setId(null);
    screen.getProperties().putAll(v.getProperties());
    return screen;
  }

  /** The explanation of a tap over the limit, over the contest, with one button to close it. */
  private static Node noticeDialog(ContestViewModel vm, VoterSession session) {
    var notice = text(vm.notice(), "notice");
    notice.setId("limit-notice");
    VBox dialog =
        new VBox(20, notice, wideButton("notice-ok", vm.noticeOkLabel(), session::dismissNotice));
    dialog.getStyleClass().add("dialog");
    dialog.setMaxHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    StackPane overlay = new StackPane(dialog);
    overlay.getStyleClass().add("overlay");
    return overlay;
  }
}
