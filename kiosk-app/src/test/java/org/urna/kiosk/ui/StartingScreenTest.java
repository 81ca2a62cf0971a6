package org.urna.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The starting screen's one line (decision 0348), in the station's language. */
class StartingScreenTest {
  @Test
  void theStartingScreenSpeaksTheStationsLanguage() {
    assertThat(StartingScreen.words("ru")).isEqualTo("Станция запускается…");
    assertThat(StartingScreen.words("en")).isEqualTo("Starting the station…");
  }

  @Test
  void aLanguageWithoutOperatorWordsFallsBackToEnglish() {
    // the operator's screens have no Tatar bundle; they fall back to English as Messages does
    assertThat(StartingScreen.words("tt")).isEqualTo("Starting the station…");
    assertThat(StartingScreen.words("xx")).isEqualTo("Starting the station…");
  }
}
