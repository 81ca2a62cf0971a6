package org.urna.kiosk.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {

  @Test
  void russianPluralsFollowTheLanguageRules() {
    Messages ru = Messages.of("ru");
    assertThat(ru.text("contest.voteFor", 1)).isEqualTo("Можно отметить не более 1 кандидата");
    assertThat(ru.text("contest.voteFor", 3)).isEqualTo("Можно отметить не более 3 кандидатов");
    assertThat(ru.text("contest.voteFor", 21)).isEqualTo("Можно отметить не более 21 кандидата");
    assertThat(ru.text("timeout.body", 1)).startsWith("Сеанс завершится через 1 секунду.");
    assertThat(ru.text("timeout.body", 3)).startsWith("Сеанс завершится через 3 секунды.");
    assertThat(ru.text("timeout.body", 25)).startsWith("Сеанс завершится через 25 секунд.");
  }

  @Test
  void englishPluralsFollowTheLanguageRules() {
    Messages en = Messages.of("en");
    assertThat(en.text("contest.voteFor", 1)).isEqualTo("Vote for up to 1 candidate");
    assertThat(en.text("contest.voteFor", 3)).isEqualTo("Vote for up to 3 candidates");
  }

  @Test
  void aLanguageWithoutKioskWordsFallsBackToEnglish() {
    Messages tt = Messages.of("tt");
    assertThat(tt.hasOwnWords()).isFalse();
    assertThat(tt.text("nav.next")).isEqualTo("Next →");
    assertThat(Messages.of("ru").hasOwnWords()).isTrue();
  }

  @Test
  void russianAndEnglishBundlesHaveTheSameKeys() throws IOException {
    assertThat(keys("ru")).isEqualTo(keys("en"));
  }

  @Test
  void languageButtonsNameEachLanguageInItself() {
    assertThat(LanguageNames.nativeName("ru")).isEqualTo("Русский");
    assertThat(LanguageNames.nativeName("en")).isEqualTo("English");
  }

  private static java.util.Set<Object> keys(String lang) throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        MessagesTest.class.getResourceAsStream(
            "/org/urna/kiosk/i18n/messages_" + lang + ".properties")) {
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    return p.keySet();
  }
}
