package org.urna.tally.record;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The results report's counts take the noun's plural form of each language (CLDR rules). */
class ResultsWordsTest {
  @Test
  void russianCountsTakeOneFewOrMany() {
    assertThat(ResultsReport.votes(1, "ru")).isEqualTo("1 голос");
    assertThat(ResultsReport.votes(2, "ru")).isEqualTo("2 голоса");
    assertThat(ResultsReport.votes(5, "ru")).isEqualTo("5 голосов");
    assertThat(ResultsReport.votes(11, "ru")).isEqualTo("11 голосов");
    assertThat(ResultsReport.votes(21, "ru")).isEqualTo("21 голос");
    assertThat(ResultsReport.votes(0, "ru")).isEqualTo("0 голосов");
  }

  @Test
  void englishAndTatarAndALanguageWithoutWords() {
    assertThat(ResultsReport.votes(1, "en")).isEqualTo("1 vote");
    assertThat(ResultsReport.votes(1000, "en")).isEqualTo("1,000 votes");
    assertThat(ResultsReport.votes(3, "tt")).isEqualTo("3 тавыш");
    assertThat(ResultsReport.votes(2, "de")).isEqualTo("2 votes");
  }
}
