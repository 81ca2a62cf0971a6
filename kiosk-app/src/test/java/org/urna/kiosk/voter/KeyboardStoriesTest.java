package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotState;
import org.urna.kiosk.demo.DemoElection;

/** A voter with a keypad or a two-switch device: Tab / Shift-Tab to move, Enter / Space to act. */
class KeyboardStoriesTest extends KioskStory {

  @Test
  void voterCastsWithTheKeyboardAloneAndFocusIsAlwaysOnAControl() {
    activate(DemoElection.FULL_STYLE);
    tabTo("lang-en", KeyCode.TAB);
    hit(KeyCode.SPACE);
    assertThat(vm().language()).isEqualTo("en");
    tabTo("start", KeyCode.TAB);
    hit(KeyCode.ENTER);
    waitFor("screen-contest-amendments");
    assertThat(focusedId()).as("a new screen focuses its first control").isEqualTo("sel-yes");
    hit(KeyCode.SPACE);
    assertThat(isSelected("yes")).isTrue();
    tabTo("next", KeyCode.TAB);
    hit(KeyCode.ENTER);
    waitFor("screen-contest-mayor");
    tabTo("sel-mayor-2", KeyCode.TAB);
    hit(KeyCode.ENTER);
    assertThat(isSelected("mayor-2")).isTrue();
    tabTo("sel-mayor-1", KeyCode.TAB, KeyCode.SHIFT);
    tabTo("next", KeyCode.TAB);
    hit(KeyCode.ENTER);
    waitFor("screen-contest-council");
    tabTo("next", KeyCode.TAB);
    hit(KeyCode.ENTER);
    waitFor("screen-review");
    tabTo("print", KeyCode.TAB);
    hit(KeyCode.ENTER);
    waitFor("screen-check");
    assertThat(focusedId()).isEqualTo("cast");
    hit(KeyCode.ENTER);
    waitFor("screen-cast");

    assertThat(rig.states()).containsExactly(BallotState.CAST);
    assertThat(rig.tally())
        .containsEntry("amendments/yes", 1L)
        .containsEntry("mayor/mayor-2", 1L)
        .containsEntry("council/council-1", 0L);
  }

  @Test
  void voterCastsAWholeBallotWithKeysOnlyAtTextSize1() {
    wholeBallotWithKeysOnly(1);
  }

  @Test
  void voterCastsAWholeBallotWithKeysOnlyAtTextSize2() {
    wholeBallotWithKeysOnly(2);
  }

  @Test
  void voterCastsAWholeBallotWithKeysOnlyAtTextSize3() {
    wholeBallotWithKeysOnly(3);
  }

  @Test
  void voterCastsAWholeBallotWithKeysOnlyAtTheLargestTextSize() {
    wholeBallotWithKeysOnly(4);
  }

  private void wholeBallotWithKeysOnly(int size) {
    activate(DemoElection.FULL_STYLE);
    for (int s = 1; s < size; s++) {
      keyTo("text-larger");
      hit(KeyCode.SPACE);
    }
    assertThat(vm().textSize()).isEqualTo(size);
    if (size == SettingsViewModel.SIZES) {
      assertThat(focusedId())
          .as("A+ at its end hands the focus to A−, not to the page")
          .isEqualTo("text-smaller");
      hit(KeyCode.TAB);
      hit(KeyCode.SPACE);
      assertThat(vm().language())
          .as("Tab + Space after A+ does not switch the language")
          .isEqualTo("ru");
    }
    keyTo("start");
    hit(KeyCode.ENTER);
    waitFor("screen-contest-amendments");
    assertFocusOnAVisibleControl();
    keyTo("sel-yes");
    hit(KeyCode.SPACE);
    assertThat(isSelected("yes")).isTrue();
    assertThat(focusedId()).as("the marked row keeps the focus").isEqualTo("sel-yes");
    keyTo("next");
    hit(KeyCode.ENTER);
    waitFor("screen-contest-mayor");
    keyTo("sel-mayor-4");
    hit(KeyCode.SPACE);
    keyTo("next");
    hit(KeyCode.ENTER);
    waitFor("screen-contest-council");
    keyTo("sel-council-7");
    hit(KeyCode.SPACE);
    keyTo("next");
    hit(KeyCode.ENTER);
    waitFor("screen-review");
    keyTo("edit-mayor");
    hit(KeyCode.ENTER);
    waitFor("screen-contest-mayor");
    keyTo("next");
    hit(KeyCode.ENTER);
    waitFor("screen-review");
    assertThat(focusedId())
        .as("back from editing: the focus is on that contest's row")
        .isEqualTo("edit-mayor");
    assertFocusOnAVisibleControl();
    rig.holdable.hold();
    keyTo("print");
    hit(KeyCode.ENTER);
    waitFor("screen-printing");
    assertThat(focusedId())
        .as("while printing, focus stays off the language bar")
        .doesNotStartWith("lang-");
    assertFocusOnAVisibleControl();
    rig.holdable.release();
    waitFor("screen-check");
    assertThat(focusedId()).isEqualTo("cast");
    hit(KeyCode.ENTER);
    waitFor("screen-cast");
    assertThat(rig.tally())
        .containsEntry("amendments/yes", 1L)
        .containsEntry("mayor/mayor-4", 1L)
        .containsEntry("council/council-7", 1L);
  }

  /**
   * Reaches a control with keys only: Tab until it has the focus; when it is on another page of the
   * list (or "Next" waits until every choice was seen), Tab to "▼" / "▲" and press Space. Focus is
   * on a visible control after every key.
   */
  private void keyTo(String id) {
    for (int i = 0; i < 120; i++) {
      String f = focusedId();
      if (id.equals(f)) {
        return;
      }
      if (!usable(id) && ("page-next".equals(f) || "page-prev".equals(f))) {
        boolean forward = usable("page-next");
        if (f.equals(forward ? "page-next" : "page-prev")) {
          hit(KeyCode.SPACE);
          assertFocusOnAVisibleControl();
          continue;
        }
      }
      hit(KeyCode.TAB);
      assertFocusOnAVisibleControl();
    }
    throw new AssertionError("keys never reached #" + id + "; focus is on #" + focusedId());
  }

  /** Moves focus with Tab (or Shift-Tab) until it reaches the control; fails if it never does. */
  private void tabTo(String id, KeyCode key, KeyCode... modifiers) {
    for (int i = 0; i < 30; i++) {
      if (id.equals(focusedId())) {
        return;
      }
      if (modifiers.length > 0) {
        hit(modifiers[0], key);
      } else {
        hit(key);
      }
      assertThat(focusedId()).as("focus is always on a control").isNotNull();
    }
    throw new AssertionError("Tab never reached #" + id + "; focus is on #" + focusedId());
  }
}
