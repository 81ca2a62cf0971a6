package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotState;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.LocalizedText;
import org.urna.core.election.Station;
import org.urna.core.election.VotingWindow;
import org.urna.kiosk.demo.DemoElection;
import org.urna.kiosk.i18n.Messages;

/**
 * An election built here from the manifest types: one contest of ten candidates whose names are 150
 * characters long, two of them with one name and different parties. Walked in English as a voter
 * first sees it and in Russian at the largest text in high contrast: every candidate is on screen
 * before "Next" enables, and the review tells the two namesakes apart by party.
 */
class LongBallotTourTest extends KioskStory {
  static final String STYLE = "long";
  static final ElectionManifest LONG = longElection();

  @Override
  ElectionManifest manifest() {
    return LONG;
  }

  @Test
  void tenCandidatesWithLongNamesInEnglishAsAVoterFirstSeesIt() {
    walk("en", false);
  }

  @Test
  void tenCandidatesWithLongNamesInRussianAtTheLargestTextInHighContrast() {
    walk("ru", true);
  }

  private void walk(String lang, boolean large) {
    String look = "-" + lang + (large ? "-large-contrast" : "");
    activate(STYLE);
    tap("lang-" + lang);
    if (large) {
      tap("text-larger");
      tap("text-larger");
      tap("text-larger");
      tap("contrast");
    }
    tap("start");
    waitFor("screen-contest-council-10");
    assertThat(usable("next")).as("Next waits until every candidate was on screen").isFalse();
    String firstPage = Messages.of(lang).text("page.candidates").replace("{0}", "1").split("–")[0];
    assertThat(shownTexts()).anyMatch(t -> t.startsWith(firstPage + "–"));
    check();
    screenshot("voter-long-contest-first" + look);
    int pages = readEveryChoice("council-10");
    assertThat(pages).as("ten long names need more than one page").isGreaterThan(1);
    check();
    screenshot("voter-long-contest-last" + look);
    tap("sel-c-02");
    tap("sel-c-03");
    assertThat(isSelected("c-02")).isTrue();
    tap("next");
    waitFor("screen-review");
    for (int i = 0; i < 10 && !usable("print"); i++) {
      tap("page-next");
    }
    var candidates = ((CandidateContest) LONG.contests().getFirst()).candidates();
    assertThat(candidates.get(1).name()).isEqualTo(candidates.get(2).name());
    assertThat(candidates.get(1).name().in(lang, "ru")).hasSize(150);
    String party2 = candidates.get(1).description().in(lang, "ru");
    String party3 = candidates.get(2).description().in(lang, "ru");
    assertThat(String.join("\n", shownTexts())).contains(party2).contains(party3);
    check();
    screenshot("voter-long-review" + look);
    tap("print");
    waitFor("screen-check");
    tap("cast");
    waitFor("screen-cast");
    assertThat(rig.states()).containsExactly(BallotState.CAST);
  }

  private void check() {
    assertNothingCut();
    assertTouchTargets();
    assertFitsTheWindow();
    assertFocusOnAVisibleControl();
    if (vm().textSize() == 1) {
      assertNoTextUnderTheMinimum();
    }
  }

  /** A 150-character name: a long double-barrelled name, cut to length, numbered. */
  private static String name(String base, int n) {
    String s = (n + ". " + base.repeat(3)).substring(0, 150);
    return s.endsWith(" ") ? s.substring(0, 149) + "." : s;
  }

  static ElectionManifest longElection() {
    DemoElection demo = KioskRig.ELECTION;
    String ru = "Александра-Виктория Константиновна Преображенская-Верещагина ";
    String en = "Alexandra-Victoria Konstantinovna Preobrazhenskaya-Vereshchagina ";
    List<CandidateContest.Candidate> cands = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      // candidates 2 and 3 share one name; only their parties tell them apart
      int shown = i == 3 ? 2 : i;
      String ruName = name(ru, shown);
      String enName = name(en, shown);
      cands.add(
          new CandidateContest.Candidate(
              String.format("c-%02d", i),
              LocalizedText.of("ru", ruName, "en", enName, "tt", ruName),
              LocalizedText.of(
                  "ru", "Партия № " + i + " «За чистые дворы»",
                  "en", "Party no. " + i + " for Clean Courtyards",
                  "tt", "«Чиста ишегаллар өчен» " + i + " нче партия")));
    }
    CandidateContest contest =
        new CandidateContest(
            "council-10",
            LocalizedText.of(
                "ru", "Городской совет: десять кандидатов",
                "en", "City council: ten candidates",
                "tt", "Шәһәр советы: ун кандидат"),
            2,
            cands);
    return new ElectionManifest(
        "long-2026",
        LocalizedText.of("ru", "Длинный бюллетень", "en", "A long ballot", "tt", "Озын бюллетень"),
        List.of("ru", "en", "tt"),
        new VotingWindow(
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2036-01-01T00:00:00Z")),
        List.of(contest),
        List.of(
            new BallotStyle(
                STYLE,
                LocalizedText.of("ru", "Округ", "en", "District", "tt", "Округ"),
                List.of("council-10"))),
        List.of(
            new Station(
                DemoElection.STATION,
                LocalizedText.of("ru", "Участок 1", "en", "Station 1", "tt", "1 нче участок"),
                demo.stationKey.publicKey())));
  }
}
