package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.urna.core.role.Role;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.kiosk.polls.PollsState;
import org.urna.kiosk.station.operator.OperatorState;

/**
 * Operator-session stories that both the simulated reader and pcscd run: the PIN changed at first
 * use, and the card pulled at every step of a session. Checks ids and the station's state, so they
 * run on either reader.
 */
final class OperatorSessionStories {
  private static final Pattern ENDED = Pattern.compile("operator-(signed-out|card-removed)");

  private OperatorSessionStories() {}

  static OperatorState state(StationStory s) {
    OperatorState[] st = new OperatorState[1];
    s.interact(() -> st[0] = s.shell.state());
    return st[0];
  }

  /** A poll worker changes the PIN at first use; the old one no longer opens. */
  static void changeThePinAtFirstUse(StationStory s) throws Exception {
    VirtualPivCard card = s.authority.card(Role.POLL_WORKER).virtualCard();
    s.insert(card);
    s.enterPin("pin", TestAuthority.PIN);
    s.tap("pin-change-now");
    s.waitFor("screen-pin-change");
    s.enterPin("newpin", TestAuthority.PIN);
    s.enterPin("newpin", "11223344");
    s.enterPin("newpin", "11223355");
    s.waitForText("The two new PINs differ");
    s.enterPin("newpin", TestAuthority.PIN);
    s.enterPin("newpin", "11223344");
    s.enterPin("newpin", "11223344");
    s.waitForText("Your PIN was changed.");
    s.screenshot("pin-changed-" + s.language);
    s.tap("pin-change-back");
    s.waitFor("screen-poll-worker-home");
    s.remove();
    s.insert(card);
    s.enterPin("pin", TestAuthority.PIN);
    s.waitForText("2 tries left");
    s.enterPin("pin", "11223344");
    s.waitFor("screen-poll-worker-home");
    assertThat(s.journal()).contains("operator-pin-changed");
  }

  /** How many session ends (card removed, signed out) the station audited so far. */
  private static int ended(StationStory s) throws Exception {
    int n = 0;
    Matcher m = ENDED.matcher(s.journal());
    while (m.find()) {
      n++;
    }
    List<String> box = s.auditActions();
    return n + (int) box.stream().filter(a -> ENDED.matcher(a).matches()).count();
  }

  /** Takes the card out; the operator is signed out, the end audited, the public screen back. */
  private static void pull(StationStory s, String publicText) throws Exception {
    int before = ended(s);
    s.remove();
    s.waitForText(publicText);
    assertThat(state(s)).as("signed out").isInstanceOf(OperatorState.LoggedOut.class);
    assertThat(s.showing("operator-header")).as("no operator screen left").isFalse();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (ended(s) <= before && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ended(s)).as("the session's end is audited").isGreaterThan(before);
  }

  private static void signIn(StationStory s, VirtualPivCard card) throws Exception {
    s.insert(card);
    s.enterPin("pin", TestAuthority.PIN);
    s.waitFor("operator-header");
  }

  /**
   * The card pulled at every step of a poll worker's and a technician's session: each time the
   * operator is signed out, the end audited, and nothing is left half-done (a package is loaded or
   * not, the polls open with one zero report or stay as they were, no voter is activated).
   */
  static void pullTheCardAtEveryStep(StationStory s) throws Exception {
    String empty = "No election loaded";
    VirtualPivCard card = s.authority.card(Role.POLL_WORKER).virtualCard();
    // the PIN pad shown
    s.insert(card);
    s.waitFor("screen-pin");
    pull(s, empty);
    // a PIN being entered
    s.insert(card);
    s.waitFor("screen-pin");
    s.tap("pin-1");
    s.tap("pin-2");
    pull(s, empty);
    // the first-use offer
    s.insert(card);
    s.waitFor("screen-pin");
    assertThat(s.texts())
        .as("the digits typed before the card left are gone")
        .noneMatch(t -> t.contains("●"));
    s.enterPin("pin", TestAuthority.PIN);
    s.waitFor("screen-pin-change-offer");
    pull(s, empty);
    // in the PIN change, the old PIN typed
    signIn(s, card);
    s.waitFor("screen-pin-change-offer"); // pulled at the offer: offered again
    s.tap("pin-change-later");
    s.waitFor("screen-poll-worker-home");
    s.tap("operator-change-pin");
    s.enterPin("newpin", TestAuthority.PIN);
    pull(s, empty);
    // the logged-in menu
    signIn(s, card);
    s.waitFor("screen-poll-worker-home");
    pull(s, empty);
    // at the fingerprint confirmation: nothing is loaded
    signIn(s, card);
    s.tap("pw-load");
    s.waitFor("screen-load-confirm");
    pull(s, empty);
    assertThat(s.station.pollsState()).isEqualTo(PollsState.NO_ELECTION);
    assertThat(s.auditActions()).doesNotContain("election-loaded");
    // while the package loads: loaded whole, or not at all
    signIn(s, card);
    s.tap("pw-load");
    s.tap("pw-load-confirm");
    s.remove();
    waitUntilSignedOut(s);
    PollsState afterLoad = s.station.pollsState();
    assertThat(afterLoad).isIn(PollsState.NO_ELECTION, PollsState.LOADED);
    if (afterLoad == PollsState.LOADED) {
      assertThat(s.auditActions()).containsOnlyOnce("election-loaded");
      assertThat(s.station.election()).isPresent();
    } else {
      assertThat(s.station.ballotBox()).isEmpty();
      signIn(s, card);
      s.tap("pw-load");
      s.tap("pw-load-confirm");
      s.waitFor("screen-done");
      s.remove();
    }
    s.waitForText("The polls are not open yet.");
    // while the polls open: open with one zero report, or still loaded with no paper
    s.printer.emulator().tearOff();
    signIn(s, card);
    s.tap("pw-open");
    s.remove();
    waitUntilSignedOut(s);
    Thread.sleep(300); // a print in flight finishes
    String paper = PollDay.flat(s.printer.emulator().tearOff().text());
    if (s.station.pollsState() == PollsState.OPEN) {
      assertThat(s.auditActions()).containsOnlyOnce("polls-opened");
      assertThat(paper.split("ZERO REPORT", -1)).as("one zero report: " + paper).hasSize(2);
    } else {
      assertThat(s.station.pollsState()).isEqualTo(PollsState.LOADED);
      assertThat(s.auditActions()).doesNotContain("polls-opened");
      assertThat(paper).doesNotContain("ZERO REPORT");
      signIn(s, card);
      s.tap("pw-open");
      s.waitFor("screen-done");
      s.remove();
    }
    String waiting = "a poll worker will start your ballot";
    s.waitForText(waiting);
    // at the choice of ballot style: no voter is activated
    signIn(s, card);
    s.tap("pw-activate");
    s.waitFor("screen-choose-style");
    pull(s, waiting);
    assertThat(s.station.armedActivation()).isEmpty();
    assertThat(s.showing("screen-language")).as("no voter's ballot starts").isFalse();
    assertThat(s.auditActions()).doesNotContain("voter-activation-armed");
    // after the second close confirmation is asked: the polls stay open
    signIn(s, card);
    s.tap("pw-close");
    s.tap("pw-close-yes");
    s.waitFor("screen-close-confirm-again");
    pull(s, waiting);
    assertThat(s.station.pollsState()).isEqualTo(PollsState.OPEN);
    // a technician in service mode, on the reset screen
    VirtualPivCard tech = s.authority.card(Role.TECHNICIAN).virtualCard();
    s.insert(tech);
    s.enterPin("pin", TestAuthority.PIN);
    s.tap("pin-change-later");
    s.waitFor("service-mode");
    s.tap("nav-reset");
    s.waitFor("screen-reset");
    pull(s, waiting);
    assertThat(s.showing("service-mode")).isFalse();
    assertThat(s.station.pollsState()).isEqualTo(PollsState.OPEN);
    assertThat(s.station.counts().cast()).isZero();
    assertThat(s.journal()).doesNotContain(TestAuthority.PIN);
  }

  private static void waitUntilSignedOut(StationStory s) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!(state(s) instanceof OperatorState.LoggedOut)) {
      assertThat(System.nanoTime()).as("signed out").isLessThan(deadline);
      Thread.sleep(50);
    }
    assertThat(s.showing("operator-header")).isFalse();
  }
}
