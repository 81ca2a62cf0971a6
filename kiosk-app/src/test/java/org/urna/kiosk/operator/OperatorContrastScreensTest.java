package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.urna.core.role.Role;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.virtual.VirtualPivCard;

/**
 * The operator's screens in the high-contrast look, in English and Russian: saved as
 * docs/screenshots/operator/*-contrast-{en,ru}.png beside the standard look's (OperatorStoriesTest,
 * OperatorScreensRuTest, PollDay).
 */
class OperatorContrastScreensTest extends SimulatedStationStory {

  private boolean contrast() {
    boolean[] c = new boolean[1];
    interact(() -> c[0] = shell.root().getStyleClass().contains("theme-contrast"));
    return c[0];
  }

  @Test
  void everyPollWorkerScreenInHighContrastInBothLanguages() throws Exception {
    VirtualPivCard card = authority.card(Role.POLL_WORKER).virtualCard();
    PollDay.signIn(this, card);
    waitFor("screen-poll-worker-home");
    tap("operator-look");
    assertThat(contrast()).isTrue();
    screenshot("poll-worker-home-empty-contrast-en");
    tap("pw-load");
    waitFor("screen-load-confirm");
    screenshot("load-confirm-contrast-en");
    tap("pw-load-cancel");
    tap("operator-language");
    waitFor("pw-load");
    screenshot("poll-worker-home-empty-contrast-ru");
    tap("pw-load");
    waitFor("screen-load-confirm");
    screenshot("load-confirm-contrast-ru");
    tap("pw-load-confirm");
    waitFor("screen-done");
    screenshot("loaded-contrast-ru");
    tap("pw-home");
    tap("pw-open");
    waitFor("screen-done");
    screenshot("polls-opened-contrast-ru");
    tap("pw-home");
    tap("operator-language"); // back to English
    tap("pw-activate");
    waitFor("screen-choose-style");
    screenshot("choose-style-contrast-en");
    tap("pw-back");
    tap("pw-close");
    waitFor("screen-close-confirm");
    screenshot("close-confirm-contrast-en");
    tap("pw-close-yes");
    waitFor("screen-close-confirm-again");
    screenshot("close-confirm-again-contrast-en");
    tap("pw-back");
    waitFor("pw-activate");
    screenshot("poll-worker-open-contrast-en");
    tap("operator-language");
    waitFor("pw-activate");
    screenshot("poll-worker-open-contrast-ru");
    tap("pw-activate");
    waitFor("screen-choose-style");
    screenshot("choose-style-contrast-ru");
    tap("pw-back");
    tap("pw-close");
    waitFor("screen-close-confirm");
    screenshot("close-confirm-contrast-ru");
    tap("pw-back");
    tap("operator-change-pin");
    waitFor("newpin-ok");
    screenshot("pin-change-contrast-ru");
    remove();
    waitForText("a poll worker will start your ballot");

    insert(card);
    waitFor("screen-pin");
    screenshot("pin-contrast-ru");
    enterPin("pin", TestAuthority.PIN);
    waitFor("operator-header");
    remove();
    insert(authority.card(Role.TECHNICIAN).virtualCard());
    enterPin("pin", TestAuthority.PIN);
    tap("pin-change-later");
    waitFor("service-mode");
    if (!contrast()) {
      tap("operator-look");
    }
    screenshot("technician-service-mode-contrast-ru");
  }
}
