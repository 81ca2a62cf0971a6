package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotState;
import org.urna.kiosk.demo.DemoElection;

/** A ballot without a single choice is printed only after the voter confirms it. */
class BlankBallotStoriesTest extends KioskStory {

  @Test
  void voterIsToldWhichContestsAreEmptyAndConfirmsBeforeABlankBallotPrints() {
    activate(DemoElection.FULL_STYLE);
    tap("lang-en");
    tap("start");
    tap("next");
    tap("next");
    tap("next");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-blank-ballot");
    assertThat(rig.printedKinds()).as("nothing printed before the voter confirms").isEmpty();
    assertThat(shownTexts())
        .contains(
            "Your ballot is blank",
            "• National vote on the amendments to the Constitution",
            "• Mayor",
            "• City council, multi-member district 1");
    assertThat(focusedId()).as("the safe answer has the focus").isEqualTo("blank-back");
    assertFocusOnAVisibleControl();
    screenshot("voter-blank-ballot-en");

    tap("blank-back");
    waitFor("screen-review");
    assertThat(rig.printedKinds()).isEmpty();
    tap("print");
    waitFor("screen-blank-ballot");
    tap("print-blank");
    waitFor("screen-check");
    assertThat(rig.printedKinds()).containsExactly("paper-record");
    tap("cast");
    waitFor("screen-cast");
    assertThat(rig.states()).containsExactly(BallotState.CAST);
    assertThat(rig.tally()).containsEntry("mayor/mayor-1", 0L).containsEntry("amendments/yes", 0L);
  }

  @Test
  void aBallotWithOneChoiceIsNotAskedAbout() {
    activate(DemoElection.REFERENDUM_STYLE);
    tap("start");
    tap("sel-no");
    tap("next");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    assertThat(rig.printedKinds()).containsExactly("paper-record");
  }
}
