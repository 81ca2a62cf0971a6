package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.urna.core.election.SampleElection;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.polls.ElectionFingerprint;
import org.urna.kiosk.polls.PackageCheck;
import org.urna.kiosk.polls.PollsState;

/**
 * A poll worker's day on one station, as a story both the simulated reader and pcscd run: sign in,
 * load the election after comparing its fingerprint, open the polls (zero report), activate {@code
 * voters} voters who each cast a ballot once the card is out, pause (pause report), resume, close
 * the polls after two confirmations (closing report). Checks ids and the station's own words, so it
 * runs in any language the station speaks; saves screenshots named with that language.
 */
final class PollDay {
  private PollDay() {}

  static void run(StationStory s, VirtualPivCard card, int voters) throws Exception {
    String lang = s.language;
    Messages polls = Messages.of(Messages.Area.POLLS, lang);
    signIn(s, card);
    s.waitFor("screen-poll-worker-home");
    s.screenshot("poll-worker-home-empty-" + lang);

    s.tap("pw-load");
    s.waitFor("screen-load-confirm");
    ElectionFingerprint expected =
        ElectionFingerprint.of(Files.readAllBytes(s.usb.resolve(PackageCheck.FILE_NAME)));
    assertThat(s.texts())
        .as("the fingerprint to compare with the paper instructions")
        .contains(expected.shortHash(), String.join(" ", expected.words()));
    assertThat(s.station.pollsState())
        .as("nothing loaded before the confirmation")
        .isEqualTo(PollsState.NO_ELECTION);
    s.screenshot("load-confirm-" + lang);
    s.tap("pw-load-confirm");
    s.waitFor("screen-done");
    assertThat(s.station.pollsState()).isEqualTo(PollsState.LOADED);
    s.tap("pw-home");
    s.waitFor("pw-open");
    s.screenshot("poll-worker-loaded-" + lang);

    s.tap("pw-open");
    s.waitFor("screen-done");
    assertThat(s.station.pollsState()).isEqualTo(PollsState.OPEN);
    var zeroPaper = s.printer.emulator().tearOff();
    String zero = flat(zeroPaper.text());
    assertThat(zero).contains(flat(polls.text("report.zero.title"))).contains(expected.shortHash());
    String zeroHash = PrintedReport.check(zeroPaper, "zero", polls, report("zero", lang));
    assertThat(s.auditActionsAndDetails())
        .as("the zero report's hash is in the audit log")
        .contains("polls-opened zero report " + zeroHash);
    s.screenshot("polls-opened-" + lang);

    for (int i = 1; i <= voters; i++) {
      if (s.showing("pw-home")) {
        s.tap("pw-home");
      }
      s.tap("pw-activate");
      s.waitFor("screen-choose-style");
      if (i == 1) {
        s.screenshot("choose-style-" + lang);
      }
      s.tap("pw-style-" + SampleElection.STYLE_REFERENDUM);
      s.waitFor("screen-done");
      if (i == 1) {
        s.screenshot("voter-activated-" + lang);
      }
      assertThat(s.showing("screen-language"))
          .as("no ballot while the poll worker's card is in")
          .isFalse();
      s.remove();
      s.waitFor("screen-language");
      assertThat(s.showing("operator-header")).as("a voter sees no operator screen").isFalse();
      assertThat(s.lookup(n -> n.getId() != null && n.getId().startsWith("pw-")).tryQuery())
          .isEmpty();
      s.tap("start");
      s.tap("sel-yes");
      s.tap("next");
      s.waitFor("screen-review");
      s.tap("print");
      s.waitFor("screen-check");
      s.tap("cast");
      s.waitFor("screen-cast");
      s.tap("finish");
      s.waitFor("screen-waiting");
      s.printer.emulator().tearOff();
      signIn(s, card);
      s.waitFor("pw-counts");
      s.waitForText(polls.text("pw.counts", i, 0));
    }
    s.screenshot("poll-worker-open-" + lang);

    s.tap("pw-pause");
    s.waitFor("screen-done");
    var pausePaper = s.printer.emulator().tearOff();
    assertThat(flat(pausePaper.text())).contains(flat(polls.text("report.pause.title")));
    String pauseHash = PrintedReport.check(pausePaper, "pause", polls, report("pause", lang));
    assertThat(s.auditActionsAndDetails())
        .as("the pause report's hash is in the audit log")
        .contains("polls-paused " + voters + " cast; report " + pauseHash);
    assertThat(s.station.pollsState()).isEqualTo(PollsState.PAUSED);
    s.remove();
    s.waitForText(polls.text("public.PAUSED"));
    s.screenshot("public-paused-" + lang);
    signIn(s, card);
    s.tap("pw-resume");
    s.waitFor("screen-done");
    assertThat(s.station.pollsState()).isEqualTo(PollsState.OPEN);

    s.tap("pw-home");
    s.tap("pw-close");
    s.waitFor("screen-close-confirm");
    s.screenshot("close-confirm-" + lang);
    s.tap("pw-close-yes");
    s.waitFor("screen-close-confirm-again");
    s.screenshot("close-confirm-again-" + lang);
    assertThat(s.station.pollsState()).isEqualTo(PollsState.OPEN);
    s.tap("pw-close-final");
    s.waitFor("screen-done");
    assertThat(s.station.pollsState()).isEqualTo(PollsState.CLOSED);
    var closingPaper = s.printer.emulator().tearOff();
    String closing = flat(closingPaper.text());
    assertThat(closing).contains(flat(polls.text("report.closing.title")));
    String closingHash =
        PrintedReport.check(closingPaper, "closing", polls, report("closing", lang));
    assertThat(s.auditActionsAndDetails())
        .as("the closing report's hash is in the audit log")
        .anyMatch(a -> a.startsWith("polls-closed ") && a.contains(closingHash));
    s.screenshot("polls-closed-" + lang);
    s.tap("pw-home");
    s.waitFor("pw-load");
    assertThat(s.showing("pw-activate")).as("nothing can be activated after closing").isFalse();
    s.remove();
    s.waitForText(polls.text("public.CLOSED"));

    assertThat(s.station.counts().cast()).isEqualTo(voters);
    assertThat(s.auditActions())
        .contains(
            "election-loaded",
            "zero-check-passed",
            "polls-opened",
            "voter-activation-armed",
            "polls-paused",
            "polls-resumed",
            "polls-closed",
            "operator-signed-in",
            "operator-signed-out");
  }

  /**
   * Where a poll report of this day is saved: the operator screenshots, report-(kind)-(lang).png.
   */
  private static java.nio.file.Path report(String kind, String lang) {
    return StationStory.screenshots().resolve("report-" + kind + "-" + lang + ".png");
  }

  /**
   * The paper's text with every run of white space (line breaks of a wrapped title) as one space.
   */
  static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }

  /** Inserts the card and enters its PIN; answers the first-use offer with "later". */
  static void signIn(StationStory s, VirtualPivCard card) throws Exception {
    s.insert(card);
    s.enterPin("pin", TestAuthority.PIN);
    s.waitFor("operator-header");
    if (s.showing("screen-pin-change-offer")) {
      s.tap("pin-change-later");
    }
  }
}
