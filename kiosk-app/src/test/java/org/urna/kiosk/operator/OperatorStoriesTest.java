package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.urna.core.role.Role;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.kiosk.station.operator.OperatorState;

/**
 * The operator's sign-in and poll-worker mode with real virtual PIV cards in the simulated reader
 * (the same APDUs as through pcscd; PcscOperatorStoriesTest runs the day's story through pcscd).
 */
class OperatorStoriesTest extends SimulatedStationStory {

  private OperatorState state() {
    OperatorState[] s = new OperatorState[1];
    interact(() -> s[0] = shell.state());
    return s[0];
  }

  @Test
  void aWrongPinShowsTheTriesLeftNeverTheDigitsAndTheRightOneOpensPollWorkerMode()
      throws Exception {
    VirtualPivCard card = authority.card(Role.POLL_WORKER).virtualCard();
    waitForText("No election loaded");
    insert(card);
    waitFor("screen-pin");
    assertThat(texts()).anyMatch(t -> t.contains("3 tries left"));
    for (char c : "65432".toCharArray()) {
      tap("pin-" + c);
    }
    assertThat(texts())
        .as("the digits are never shown")
        .noneMatch(t -> t.contains("6543"))
        .anyMatch(t -> t.equals("● ● ● ● ●"));
    assertThat(lookup("#pin-ok").queryButton().isDisabled()).as("OK waits for 6 digits").isTrue();
    tap("pin-1");
    tap("pin-ok");
    waitForText("2 tries left");
    assertThat(texts()).contains("Wrong PIN.");
    screenshot("pin-wrong-" + language);
    enterPin("pin", TestAuthority.PIN);
    waitFor("screen-pin-change-offer");
    screenshot("pin-change-offer-" + language);
    tap("pin-change-later");
    waitFor("screen-poll-worker-home");
    assertThat(state()).isInstanceOf(OperatorState.LoggedIn.class);
    assertThat(texts()).anyMatch(t -> t.startsWith("Poll worker · Test Poll worker"));
    screenshot("poll-worker-home-empty-" + language);
    assertThat(journal())
        .contains("operator-card-inserted")
        .contains("operator-pin-wrong")
        .contains("operator-signed-in")
        .doesNotContain("654321")
        .doesNotContain(TestAuthority.PIN);

    remove();
    waitForText("No election loaded");
    assertThat(state()).isInstanceOf(OperatorState.LoggedOut.class);
    assertThat(journal()).contains("operator-signed-out");

    insert(card);
    waitFor("screen-pin");
    assertThat(texts())
        .as("a right PIN gave every try back")
        .anyMatch(t -> t.contains("3 tries left"));
    enterPin("pin", TestAuthority.PIN);
    waitFor("screen-poll-worker-home");
    assertThat(showing("screen-pin-change-offer")).as("offered once per card").isFalse();
  }

  @Test
  void threeWrongPinsBlockTheCardAndAnElectionManagerResetsItWithThePuk() throws Exception {
    VirtualPivCard worker = authority.card(Role.POLL_WORKER).virtualCard();
    VirtualPivCard manager = authority.card(Role.ELECTION_MANAGER).virtualCard();
    insert(worker);
    enterPin("pin", "000000");
    waitForText("2 tries left");
    enterPin("pin", "000001");
    waitForText("One try left");
    screenshot("pin-last-try-" + language);
    enterPin("pin", "000002");
    waitFor("screen-card-blocked");
    assertThat(texts()).anyMatch(t -> t.contains("election manager must reset"));
    screenshot("card-blocked-" + language);
    remove();
    insert(worker);
    waitFor("screen-card-blocked");
    assertThat(showing("screen-pin")).as("a blocked card is never asked for a PIN").isFalse();
    remove();

    insert(manager);
    enterPin("pin", TestAuthority.PIN);
    tap("pin-change-later");
    waitFor("screen-manager");
    screenshot("manager-" + language);
    tap("manager-reset");
    waitFor("screen-reset-insert");
    screenshot("reset-insert-" + language);
    remove();
    waitFor("screen-reset-insert");
    insert(worker);
    waitFor("screen-card-reset");
    enterPin("reset", "87654321");
    waitForText("Enter the card holder's new PIN");
    enterPin("reset", "24682468");
    enterPin("reset", "24682468");
    waitForText("Wrong PUK");
    assertThat(texts()).anyMatch(t -> t.contains("2 tries left"));
    screenshot("reset-wrong-puk-" + language);
    enterPin("reset", TestAuthority.PUK);
    enterPin("reset", "24682468");
    enterPin("reset", "24682468");
    waitForText("The card is reset");
    screenshot("reset-done-" + language);
    assertThat(journal())
        .contains("card-reset-started")
        .contains("operator-card-puk-wrong")
        .contains("operator-card-reset");
    remove();

    insert(worker);
    waitFor("screen-pin");
    assertThat(texts()).anyMatch(t -> t.contains("3 tries left"));
    enterPin("pin", TestAuthority.PIN);
    waitFor("pin-tries");
    waitForText("2 tries left");
    enterPin("pin", "24682468");
    waitFor("screen-pin-change-offer");
  }

  @Test
  void aPollWorkerChangesThePinAtFirstUseAndTheOldOneNoLongerOpens() throws Exception {
    OperatorSessionStories.changeThePinAtFirstUse(this);
  }

  @Test
  void cardsOfAnotherAuthorityOrRoleLessCardsAreRefusedInWordsAndOpenNothing() throws Exception {
    TestAuthority other = new TestAuthority("Another authority");
    insert(other.card(Role.POLL_WORKER).virtualCard());
    waitFor("screen-card-refused");
    assertThat(texts()).anyMatch(t -> t.contains("issued by another authority"));
    screenshot("card-refused-" + language);
    assertThat(showing("screen-pin")).isFalse();
    remove();
    waitForText("No election loaded");
    assertThat(journal()).contains("operator-card-refused");
  }

  @Test
  void aTechniciansCardOpensServiceModeAndAPollWorkersDoesNot() throws Exception {
    insert(authority.card(Role.TECHNICIAN).virtualCard());
    enterPin("pin", TestAuthority.PIN);
    tap("pin-change-later");
    waitFor("service-mode");
    assertThat(showing("poll-worker-mode")).isFalse();
    screenshot("technician-service-mode-" + language);
    remove();
    waitForText("No election loaded");
    insert(authority.card(Role.POLL_WORKER).virtualCard());
    enterPin("pin", TestAuthority.PIN);
    tap("pin-change-later");
    waitFor("poll-worker-mode");
    assertThat(showing("service-mode")).isFalse();
  }

  @Test
  void pullingTheCardAtEveryStepSignsOutAndLeavesNothingOpen() throws Exception {
    OperatorSessionStories.pullTheCardAtEveryStep(this);
  }

  @Test
  void anUntouchedSessionEndsAfterTheTimeoutAndThePinIsAskedAgain() throws Exception {
    insert(authority.card(Role.POLL_WORKER).virtualCard());
    enterPin("pin", TestAuthority.PIN);
    tap("pin-change-later");
    waitFor("screen-poll-worker-home");
    clock.advance(Duration.ofMinutes(14));
    Thread.sleep(1500);
    assertThat(state()).isInstanceOf(OperatorState.LoggedIn.class);
    clock.advance(Duration.ofMinutes(2));
    waitFor("screen-pin");
    assertThat(texts()).anyMatch(t -> t.contains("signed out after 15 minutes"));
    assertThat(journal()).contains("inactive for 16 min");
  }

  @Test
  void aPollWorkerRunsTheDayAndAVoterNeverSeesAnOperatorScreen() throws Exception {
    PollDay.run(this, authority.card(Role.POLL_WORKER).virtualCard(), 3);
  }
}
