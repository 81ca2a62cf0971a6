package org.urna.kiosk.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
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
  void tatarHasOneFormForEveryCountAsIcuSays() {
    assertThat(PluralRules.forLocale(new ULocale("tt")).getKeywords()).containsExactly("other");
    assertThat(PluralRules.forLocale(new ULocale("en")).getKeywords())
        .containsExactlyInAnyOrder("one", "other");
    assertThat(PluralRules.forLocale(new ULocale("ru")).getKeywords())
        .containsExactlyInAnyOrder("one", "few", "many", "other");
    Messages tt = Messages.of("tt");
    // counts that are "one", "few", "many" and "other" in Russian: one form in Tatar
    for (int n : new int[] {1, 3, 5, 21}) {
      assertThat(tt.text("contest.voteFor", n))
          .isEqualTo("Иң күбе " + n + " кандидат билгеләргә мөмкин");
      assertThat(tt.text("timeout.body", n)).startsWith("Сеанс " + n + " секунд аша");
    }
    assertThat(tt.text("nav.next")).isEqualTo("Алга →");
    assertThat(tt.text("paper.receipt")).isEqualTo("КВИТАНЦИЯ — ТАВЫШ ИСӘПКӘ АЛЫНДЫ");
  }

  @Test
  void russianAndEnglishPluralsCoverEveryCategory() {
    Messages ru = Messages.of("ru");
    assertThat(ru.text("review.under", 1)).contains("ещё 1 кандидата"); // one
    assertThat(ru.text("review.under", 2)).contains("ещё 2 кандидатов"); // few
    assertThat(ru.text("review.under", 5)).contains("ещё 5 кандидатов"); // many
    assertThat(ru.text("review.under", 1.5)).contains("ещё 1,5 кандидата"); // other
    Messages en = Messages.of("en");
    assertThat(en.text("review.under", 1)).contains("1 more candidate."); // one
    assertThat(en.text("review.under", 2)).contains("2 more candidates."); // other
  }

  @Test
  void aLanguageWithoutKioskWordsFallsBackToEnglish() {
    Messages de = Messages.of("de");
    assertThat(de.hasOwnWords()).isFalse();
    assertThat(de.text("nav.next")).isEqualTo("Next →");
    for (String lang : Messages.SHIPPED) {
      assertThat(Messages.of(lang).hasOwnWords()).as(lang).isTrue();
    }
  }

  /** The build fails when any language the kiosk offers lacks a text the English bundle has. */
  @Test
  void everyShippedLanguageHasEveryKeyAndEachPatternParses() throws IOException {
    Properties en = bundle("en");
    for (String lang : Messages.SHIPPED) {
      Properties p = bundle(lang);
      assertThat(p.keySet()).as("keys of messages_" + lang).isEqualTo(en.keySet());
      for (String key : p.stringPropertyNames()) {
        String pattern = p.getProperty(key);
        assertThat(pattern).as(lang + " " + key).isNotBlank();
        new com.ibm.icu.text.MessageFormat(pattern, new ULocale(lang)); // throws when malformed
      }
    }
  }

  /**
   * The operator's areas (sign-in, poll-worker mode, service mode) exist at least in English and
   * Russian; every language file of an area has every key of its English file.
   */
  @Test
  void everyAreaBundleIsCompleteInEachLanguageItHas() throws IOException {
    for (Messages.Area area : Messages.Area.values()) {
      String file = area.bundle().substring(area.bundle().lastIndexOf('.') + 1);
      Properties en = bundle(file, "en");
      if (en == null) {
        continue; // an area not written yet
      }
      assertThat(bundle(file, "ru")).as(file + "_ru").isNotNull();
      for (String lang : Messages.SHIPPED) {
        Properties p = bundle(file, lang);
        if (p == null) {
          continue;
        }
        assertThat(p.keySet()).as("keys of " + file + "_" + lang).isEqualTo(en.keySet());
        for (String key : p.stringPropertyNames()) {
          assertThat(p.getProperty(key)).as(lang + " " + key).isNotBlank();
          new com.ibm.icu.text.MessageFormat(p.getProperty(key), new ULocale(lang));
        }
      }
    }
  }

  /** Every kind of sync alarm has the poll worker's words on the ledger screen. */
  @Test
  void everySyncAlarmHasItsWordsInEveryLanguageOfThePollWorkerBundle() throws IOException {
    for (String lang : java.util.List.of("en", "ru")) {
      Properties p = bundle("polls", lang);
      for (Class<?> kind : org.urna.sync.SyncAlarm.class.getPermittedSubclasses()) {
        assertThat(p.getProperty("sync.alarm." + kind.getSimpleName()))
            .as("polls_" + lang + " sync.alarm." + kind.getSimpleName())
            .isNotBlank();
      }
    }
  }

  @Test
  void theDemoElectionOffersOnlyLanguagesWithCompleteWords() {
    assertThat(Messages.SHIPPED)
        .containsAll(new org.urna.kiosk.demo.DemoElection().manifest.languages());
  }

  @Test
  void languageButtonsNameEachLanguageInItself() {
    assertThat(LanguageNames.nativeName("ru")).isEqualTo("Русский");
    assertThat(LanguageNames.nativeName("en")).isEqualTo("English");
    assertThat(LanguageNames.nativeName("tt")).isEqualTo("Татар");
  }

  private static java.util.Set<Object> keys(String lang) throws IOException {
    return bundle(lang).keySet();
  }

  private static Properties bundle(String lang) throws IOException {
    return bundle("messages", lang);
  }

  /** The bundle file {@code <file>_<lang>.properties}, or null when there is none. */
  private static Properties bundle(String file, String lang) throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        MessagesTest.class.getResourceAsStream(
            "/org/urna/kiosk/i18n/" + file + "_" + lang + ".properties")) {
      if (in == null) {
        return null;
      }
      p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
    }
    return p;
  }
}
