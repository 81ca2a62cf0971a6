package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.urna.kiosk.demo.DemoElection;

/**
 * Walks every voter screen in Russian, English and Tatar, once as a voter first sees it (text size
 * 1, normal contrast) and once at the largest text size in high contrast, saving a PNG of each into
 * docs/screenshots/kiosk and checking on each that nothing is cut, every touch target is large and
 * apart, the screen fits the window, focus is on a visible control, every choice of a contest was
 * on screen before "Next" enabled, and (at the default size) no text has capitals under 3.5 mm.
 */
class ScreenshotTourTest extends KioskStory {

  @Test
  void everyScreenInEveryLanguageAtTheLargestTextInNormalContrastAndTheDefaultInHighContrast()
      throws IOException {
    // The two mixed looks: every check of the tour, no screenshots kept (the two pure looks are).
    for (String lang : java.util.List.of("ru", "en", "tt")) {
      tour(lang, true, false, false);
      tour(lang, false, true, false);
    }
  }

  @Test
  void everyScreenInRussianAtTheLargestTextInHighContrast() throws IOException {
    tour("ru", true);
  }

  @Test
  void everyScreenInEnglishAtTheLargestTextInHighContrast() throws IOException {
    tour("en", true);
  }

  @Test
  void everyScreenInTatarAtTheLargestTextInHighContrast() throws IOException {
    tour("tt", true);
  }

  @Test
  void everyScreenInTatarAsAVoterFirstSeesIt() throws IOException {
    tour("tt", false);
  }

  @Test
  void everyScreenInRussianAsAVoterFirstSeesIt() throws IOException {
    tour("ru", false);
  }

  @Test
  void everyScreenInEnglishAsAVoterFirstSeesIt() throws IOException {
    tour("en", false);
  }

  private void tour(String lang, boolean largeContrast) throws IOException {
    tour(lang, largeContrast, largeContrast, true);
  }

  /** Whether this tour saves its screenshots (the two mixed looks only check every screen). */
  private boolean keepShots = true;

  private void tour(String lang, boolean large, boolean contrast, boolean keep) throws IOException {
    keepShots = keep;
    boolean largeContrast = large && contrast;
    String look = "-" + lang + (largeContrast ? "-large-contrast" : "");
    activate(DemoElection.FULL_STYLE);
    tap("lang-" + lang);
    if (large) {
      tap("text-larger");
      tap("text-larger");
      tap("text-larger");
    }
    if (contrast) {
      tap("contrast");
    }
    assertThat(lookup(".kiosk-root").query().getStyleClass()).contains(large ? "size-4" : "size-1");
    if (contrast) {
      assertThat(lookup(".kiosk-root").query().getStyleClass()).contains("theme-contrast");
    } else {
      assertThat(lookup(".kiosk-root").query().getStyleClass()).doesNotContain("theme-contrast");
    }
    shoot("voter-language" + look);
    tap("start");
    waitFor("screen-contest-amendments");
    shoot("voter-contest-referendum-first" + look);
    readEveryChoice("amendments");
    tap("sel-yes");
    shoot("voter-contest-referendum" + look);
    tap("next");
    readEveryChoice("mayor");
    tap("sel-mayor-3");
    shoot("voter-contest-mayor" + look);
    tap("next");
    readEveryChoice("council");
    tap("sel-council-1");
    tap("sel-council-2");
    tap("sel-council-3");
    tap("sel-council-5");
    waitFor("limit-notice");
    shoot("voter-contest-council-limit" + look);
    tap("notice-ok");
    assertThat(focusedId()).as("focus back on the choice tapped").isEqualTo("sel-council-5");
    tap("sel-council-3");
    tap("next");
    waitFor("screen-review");
    readEveryRow();
    shoot("voter-review-undervote" + look);

    rig.holdable.hold();
    tap("print");
    waitFor("screen-printing");
    shoot("voter-printing" + look);
    rig.holdable.release();
    waitFor("screen-check");
    shoot("voter-check-paper" + look);
    if (keep && largeContrast && !lang.equals("tt")) {
      savePaper("paper-record-" + lang);
    }

    tap("challenge");
    waitFor("screen-challenged");
    shoot("voter-challenged" + look);
    if (keep && largeContrast && !lang.equals("tt")) {
      savePaper("paper-void-" + lang);
    }

    tap("vote-again");
    waitFor("screen-review");
    rig.device.emulator().setPaperOut(true);
    tap("print");
    waitFor("screen-printer-fault");
    shoot("voter-printer-fault" + look);
    rig.device.emulator().setPaperOut(false);
    interact(() -> vm().setPollWorkerPresent(true));
    waitUntilEnabled("retry");
    shoot("voter-printer-fault-poll-worker" + look);
    tap("retry");
    interact(() -> vm().setPollWorkerPresent(false));
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    rig.device.emulator().tearOff();
    tap("cast");
    waitFor("screen-cast");
    shoot("voter-cast-receipt" + look);
    if (keep && largeContrast && !lang.equals("tt")) {
      savePaper("paper-receipt-" + lang);
    }
    tap("finish");
    waitFor("screen-waiting");
    // Text size and contrast are the voter's own: the next voter starts from the default look.
    assertThat(lookup(".kiosk-root").query().getStyleClass())
        .contains("size-1")
        .doesNotContain("theme-contrast");
    if (keep && !large && !contrast) {
      shoot("voter-waiting-" + lang);
    }
  }

  private void shoot(String name) {
    if (keepShots) {
      screenshot(name);
    }
    assertNothingCut();
    assertTouchTargets();
    assertFitsTheWindow();
    assertFocusOnAVisibleControl();
    if (vm().textSize() == 1) {
      assertNoTextUnderTheMinimum();
    }
  }

  /** On review: turns its pages until "Print" enables (every row has been on screen). */
  private void readEveryRow() {
    for (int i = 0; i < 10 && !usable("print"); i++) {
      assertFocusOnAVisibleControl();
      tap("page-next");
    }
    assertThat(usable("print")).isTrue();
  }

  private void savePaper(String name) throws IOException {
    Path dir = Path.of(System.getProperty("urna.screenshots", "target/screenshots"));
    rig.device.emulator().tearOff().savePng(dir.resolve(name + ".png"));
  }
}
