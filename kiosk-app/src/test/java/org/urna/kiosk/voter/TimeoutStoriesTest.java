package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotState;
import org.urna.kiosk.demo.DemoElection;
import org.urna.kiosk.station.IdleTimer;

class TimeoutStoriesTest extends KioskStory {

  @Override
  IdleTimer.Timeouts timeouts() {
    // Short enough for a test, long enough that a slow robot tap (on a loaded machine) never
    // meets the warning by accident.
    return new IdleTimer.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(3));
  }

  @Test
  void voterWalksAwayMidBallotAndTheSessionIsClearedWithNothingCast() {
    activate(DemoElection.FULL_STYLE);
    tap("lang-en");
    tap("text-larger");
    tap("contrast");
    tap("start");
    tap("sel-yes");
    tap("next");
    tap("sel-mayor-3");
    waitFor("timeout-warning");
    screenshot("voter-timeout-warning-en-size2-contrast");
    assertThat(vm().timeoutWarning().orElseThrow().body()).contains("second");

    waitFor("screen-waiting");
    assertThat(rig.recorded()).isEmpty();
    assertThat(rig.pending()).isZero();
    assertThat(rig.printedKinds()).isEmpty();
    assertThat(vm().holdsVoterData()).isFalse();
    assertThat(String.join("\n", shownTexts()))
        .doesNotContain("Vereshchagin")
        .doesNotContain("Верещагин")
        .contains("Добро пожаловать");
    assertThat(vm().textSize()).as("settings reset").isEqualTo(1);
    assertThat(vm().highContrast()).isFalse();
    assertThat(vm().language()).isEqualTo("ru");
  }

  @Test
  void voterAnswersTheWarningAndKeepsTheBallot() {
    activate(DemoElection.REFERENDUM_STYLE);
    tap("start");
    waitFor("screen-contest-amendments");
    tap("sel-no");
    waitFor("timeout-warning");
    tap("still-here");
    assertThat(lookup("#timeout-warning").tryQuery()).isEmpty();
    assertThat(isSelected("no")).isTrue();
  }

  @Test
  void voterWalksAwayAfterThePaperRecordAndTheBallotIsVoidedNeverCast() {
    activate(DemoElection.REFERENDUM_STYLE);
    tap("start");
    waitFor("screen-contest-amendments");
    tap("sel-yes");
    tap("next");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    waitFor("screen-waiting");

    assertThat(rig.states()).containsExactly(BallotState.CHALLENGED);
    assertThat(rig.tally()).containsEntry("amendments/yes", 0L);
    assertThat(rig.printedKinds()).containsExactly("paper-record", "void");
    assertThat(vm().holdsVoterData()).isFalse();
    assertThat(String.join("\n", shownTexts())).doesNotContain("Да");
  }
}
