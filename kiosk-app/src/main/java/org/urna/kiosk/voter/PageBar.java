package org.urna.kiosk.voter;

import static org.urna.kiosk.ui.KioskControls.button;
import static org.urna.kiosk.ui.KioskControls.text;

import java.util.function.IntConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.urna.kiosk.ui.PagedList;

/**
 * Under a paged list: "▲ Previous page", where the voter is ("Candidates 1–7 of 10"), "▼ Next
 * page". Shown only when the list needs more than one page. {@code lead} items at the top of the
 * list (a referendum's question) are not counted.
 */
final class PageBar {
  private final HBox bar;
  private final Label where;
  private final Button previous;
  private final Button next;
  private final PageWords words;
  private final int lead;
  private PagedList.Page page;

  PageBar(PageWords words, int lead, IntConsumer showFrom) {
    this.words = words;
    this.lead = lead;
    where = text("", "page-text");
    where.setId("page-text");
    previous = button("page-prev", words.previousLabel(), () -> go(showFrom, true), "page");
    next = button("page-next", words.nextLabel(), () -> go(showFrom, false), "page");
    HBox.setHgrow(where, Priority.ALWAYS);
    where.setMaxWidth(Double.MAX_VALUE);
    where.setMinWidth(0);
    where.setAlignment(Pos.CENTER);
    previous.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    next.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
    bar = new HBox(previous, where, next);
    bar.getStyleClass().add("page-bar");
    bar.setAlignment(Pos.CENTER);
    bar.setId("page-bar");
    bar.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    bar.setManaged(false);
    bar.setVisible(false);
  }

  HBox node() {
    return bar;
  }

  /** The list showed {@code p}: say where the voter is; the bar shows when there are pages. */
  void show(PagedList.Page p, boolean voterMustPage) {
    page = p;
    boolean paged = p.pages() > 1;
    bar.setManaged(paged);
    bar.setVisible(paged);
    int counted = p.total() - lead;
    int first = Math.max(p.first(), lead) - lead + 1;
    int last = p.end() - lead;
    where.setText(last < first ? words.leadOnly() : words.range(first, last, counted));
    previous.setDisable(!p.hasPrevious());
    next.setDisable(!p.hasNext());
    next.getStyleClass().remove("attention");
    if (voterMustPage && p.hasNext()) {
      next.getStyleClass().add("attention");
    }
  }

  private void go(IntConsumer showFrom, boolean back) {
    if (page != null) {
      int to = back ? page.previousStart() : page.nextStart();
      if (to >= 0) {
        showFrom.accept(to);
      }
    }
  }
}
