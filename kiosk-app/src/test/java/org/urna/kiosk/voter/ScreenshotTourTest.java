package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.urna.kiosk.demo.DemoElection;

/**
 * Walks every voter screen in Russian and in English, once as a voter first sees it (text size 1,
 * normal contrast) and once at the largest text size in high contrast, saving a PNG of each into
 * docs/screenshots/kiosk and checking on each that nothing is cut and every touch target is large
 * and apart.
 */
class ScreenshotTourTest extends KioskStory {

  @Test
  void everyScreenInRussianAtTheLargestTextInHighContrast() throws IOException {
    tour("ru", true);
  }

  @Test
  void everyScreenInEnglishAtTheLargestTextInHighContrast() throws IOException {
    tour("en", true);
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
    String look = "-" + lang + (largeContrast ? "-large-contrast" : "");
    activate(DemoElection.FULL_STYLE);
    tap("lang-" + lang);
    if (largeContrast) {
      tap("text-larger");
      tap("text-larger");
      tap("text-larger");
      tap("contrast");
      assertThat(lookup(".kiosk-root").query().getStyleClass())
          .contains("size-4", "theme-contrast");
    } else {
      assertThat(lookup(".kiosk-root").query().getStyleClass())
          .contains("size-1")
          .doesNotContain("theme-contrast");
    }
    shoot("voter-language" + look);
    tap("start");
    waitFor("screen-contest-amendments");
    tap("sel-yes");
    shoot("voter-contest-referendum" + look);
    tap("next");
    tap("sel-mayor-3");
    shoot("voter-contest-mayor" + look);
    tap("next");
    tap("sel-council-1");
    tap("sel-council-2");
    tap("sel-council-3");
    tap("sel-council-5");
    waitFor("limit-notice");
    shoot("voter-contest-council-limit" + look);
    tap("sel-council-3");
    tap("next");
    waitFor("screen-review");
    shoot("voter-review-undervote" + look);

    rig.holdable.hold();
    tap("print");
    waitFor("screen-printing");
    shoot("voter-printing" + look);
    rig.holdable.release();
    waitFor("screen-check");
    shoot("voter-check-paper" + look);
    if (largeContrast) {
      savePaper("paper-record-" + lang);
    }

    tap("challenge");
    waitFor("screen-challenged");
    shoot("voter-challenged" + look);
    if (largeContrast) {
      savePaper("paper-void-" + lang);
    }

    tap("vote-again");
    waitFor("screen-review");
    rig.device.emulator().setPaperOut(true);
    tap("print");
    waitFor("screen-printer-fault");
    shoot("voter-printer-fault" + look);
    rig.device.emulator().setPaperOut(false);
    tap("retry");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    rig.device.emulator().tearOff();
    tap("cast");
    waitFor("screen-cast");
    shoot("voter-cast-receipt" + look);
    if (largeContrast) {
      savePaper("paper-receipt-" + lang);
    }
    tap("finish");
    waitFor("screen-waiting");
    // Text size and contrast are the voter's own: the next voter starts from the default look.
    assertThat(lookup(".kiosk-root").query().getStyleClass())
        .contains("size-1")
        .doesNotContain("theme-contrast");
    if (!largeContrast) {
      shoot("voter-waiting-" + lang);
    }
  }

  private void shoot(String name) {
    screenshot(name);
    assertNothingCut();
    assertTouchTargets();
  }

  private void savePaper(String name) throws IOException {
    Path dir = Path.of(System.getProperty("urna.screenshots", "target/screenshots"));
    rig.device.emulator().tearOff().savePng(dir.resolve(name + ".png"));
  }
}
