package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
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

  private void hit(KeyCode... keys) {
    type(keys);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private String focusedId() {
    Node[] n = new Node[1];
    interact(() -> n[0] = scene.getFocusOwner());
    return n[0] == null ? null : n[0].getId();
  }

  /** Moves focus with Tab (or Shift-Tab) until it reaches the control; fails if it never does. */
  private void tabTo(String id, KeyCode key, KeyCode... modifiers) {
    for (int i = 0; i < 30; i++) {
      if (id.equals(focusedId())) {
        return;
      }
      if (modifiers.length > 0) {
        push(modifiers[0], key);
      } else {
        type(key);
      }
      WaitForAsyncUtils.waitForFxEvents();
      assertThat(focusedId()).as("focus is always on a control").isNotNull();
    }
    throw new AssertionError("Tab never reached #" + id + "; focus is on #" + focusedId());
  }
}
