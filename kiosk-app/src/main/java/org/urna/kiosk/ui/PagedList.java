package org.urna.kiosk.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * A vertical list that shows only whole items: as many as fit in its height, never a part of one
 * (decision 0321). Pages are cut from the first item on, so they stay the same whatever page shows;
 * the page shown is the last one whose position ({@code item * PARTS + part}) is not after {@code
 * anchor}. An item taller than the whole list (a long referendum question at the largest text) is
 * shown in parts, page by page, so that no line of it is ever out of reach. Items keep their place
 * and size on a page: nothing moves when one of them changes its look. After each layout the {@code
 * onPage} listener hears which page shows (once per change), to write "Candidates 1–7 of 10",
 * enable the page buttons and note which items the voter has had on screen. Items off the page are
 * invisible, so neither a finger nor the Tab key can reach them.
 */
public final class PagedList extends Region {
  /**
   * The page on screen: items {@code first} (inclusive) to {@code end} (exclusive) of {@code
   * total}; {@code previousStart} / {@code nextStart} are the positions of the pages around it (-1
   * when there is none); {@code oversized} when its one item is taller than the list and the page
   * shows a part of it (the next page shows the rest).
   */
  public record Page(
      int first,
      int end,
      int total,
      int index,
      int pages,
      int previousStart,
      int nextStart,
      boolean oversized) {
    public boolean hasPrevious() {
      return previousStart >= 0;
    }

    public boolean hasNext() {
      return nextStart >= 0;
    }
  }

  private final List<Node> items;
  private final int anchor;
  private final double gap;
  private final Consumer<Page> onPage;
  private Consumer<Page> onSettled = p -> {};
  private final Rectangle clip = new Rectangle();
  private Page shown;
  private Page settled;
  private boolean settleQueued;

  public PagedList(List<? extends Node> items, int anchor, double gap, Consumer<Page> onPage) {
    this.items = List.copyOf(items);
    this.anchor = Math.max(0, anchor);
    this.gap = gap;
    this.onPage = Objects.requireNonNull(onPage);
    getChildren().addAll(this.items);
    getStyleClass().add("paged-list");
    setClip(clip);
    setMinHeight(0);
  }

  /**
   * Hears the page once the screen has settled: no layout is pending anywhere in the scene, so the
   * page is what the voter sees and not a step of a layout still converging (a page bar that
   * appears takes height from the list). What "has been on screen" is counted from.
   */
  public void onSettled(Consumer<Page> listener) {
    this.onSettled = Objects.requireNonNull(listener);
  }

  /** The page on screen after the last layout, or null before the first. */
  public Page page() {
    return shown;
  }

  @Override
  protected double computeMinHeight(double width) {
    return 0;
  }

  @Override
  protected double computePrefHeight(double width) {
    return 0;
  }

  @Override
  protected double computePrefWidth(double height) {
    double w = 0;
    for (Node n : items) {
      w = Math.max(w, n.prefWidth(-1));
    }
    return w + snappedLeftInset() + snappedRightInset();
  }

  @Override
  protected void layoutChildren() {
    double x = snappedLeftInset();
    double top = snappedTopInset();
    double w = Math.max(0, getWidth() - x - snappedRightInset());
    double h = Math.max(1, getHeight() - top - snappedBottomInset());
    clip.setWidth(getWidth());
    clip.setHeight(getHeight());
    if (items.isEmpty()) {
      report(new Page(0, 0, 0, 0, 0, -1, -1, false));
      return;
    }
    double[] heights = new double[items.size()];
    for (int i = 0; i < items.size(); i++) {
      heights[i] = snapSizeY(items.get(i).prefHeight(w));
    }
    List<Window> pages = cut(heights, h, gap, overlap());
    int index = 0;
    for (int i = 0; i < pages.size(); i++) {
      if (pages.get(i).position() <= anchor) {
        index = i;
      }
    }
    Window p = pages.get(index);
    double[] tops = tops(heights, gap);
    for (int i = 0; i < items.size(); i++) {
      Node n = items.get(i);
      boolean on = i >= p.first() && i < p.end();
      n.setVisible(on);
      if (on) {
        n.resizeRelocate(x, top + tops[i] - p.y(), w, heights[i]);
      }
    }
    report(
        new Page(
            p.first(),
            p.end(),
            items.size(),
            index,
            pages.size(),
            index > 0 ? pages.get(index - 1).position() : -1,
            index + 1 < pages.size() ? pages.get(index + 1).position() : -1,
            p.partial()));
  }

  /** One line of the list's font: how much of a tall item the next page shows again. */
  private double overlap() {
    javafx.scene.text.Font f =
        items.isEmpty() || !(items.getFirst() instanceof javafx.scene.control.Labeled l)
            ? javafx.scene.text.Font.getDefault()
            : l.getFont();
    return Math.ceil(f.getSize() * 1.4);
  }

  private void report(Page page) {
    if (!page.equals(shown)) {
      shown = page;
      onPage.accept(page);
    }
    queueSettle(20);
  }

  private void queueSettle(int tries) {
    if (settleQueued) {
      return;
    }
    settleQueued = true;
    javafx.application.Platform.runLater(
        () -> {
          settleQueued = false;
          if (getScene() == null || shown == null) {
            return;
          }
          if (getScene().getRoot().isNeedsLayout() && tries > 0) {
            queueSettle(tries - 1);
            return;
          }
          if (!shown.equals(settled)) {
            settled = shown;
            onSettled.accept(shown);
          }
        });
  }

  /**
   * A page: from {@code y} of the stacked list, items {@code first}..{@code end} (exclusive) are on
   * it; {@code partial} when its one item is taller than the list and only a part of it shows.
   * {@code position} names it: {@code item * PARTS + part}.
   */
  record Window(double y, int first, int end, boolean partial, int position) {}

  /** How the position of a page counts the pages inside one tall item. */
  public static final int PARTS = 100;

  private static double[] tops(double[] heights, double gap) {
    double[] tops = new double[heights.length];
    double y = 0;
    for (int i = 0; i < heights.length; i++) {
      tops[i] = y;
      y += heights[i] + gap;
    }
    return tops;
  }

  /**
   * Pages from the first item on: each starts at an item and holds as many whole items as fit; an
   * item taller than the list gets pages of its own, each showing the next part of it, the last
   * {@code overlap} pixels of one part again at the top of the next.
   */
  static List<Window> cut(double[] heights, double available, double gap, double overlap) {
    double[] tops = tops(heights, gap);
    double step = Math.max(available / 2, available - overlap);
    List<Window> pages = new ArrayList<>();
    int i = 0;
    while (i < heights.length) {
      if (heights[i] > available) {
        int part = 0;
        for (double y = tops[i]; ; y += step, part++) {
          pages.add(new Window(y, i, i + 1, true, i * PARTS + Math.min(part, PARTS - 1)));
          if (y + available >= tops[i] + heights[i]) {
            break;
          }
        }
        i++;
        continue;
      }
      int end = i + 1;
      while (end < heights.length && tops[end] + heights[end] - tops[i] <= available) {
        end++;
      }
      pages.add(new Window(tops[i], i, end, false, i * PARTS));
      i = end;
    }
    return pages;
  }
}
