package org.urna.core.election;

import java.util.ArrayList;
import java.util.List;

/** The contests and ballot styles of the sample election, in Russian, English and Tatar. */
final class SampleContests {
  private SampleContests() {}

  static LocalizedText t(String ru, String en, String tt) {
    return LocalizedText.of("ru", ru, "en", en, "tt", tt);
  }

  static LocalizedText electionTitle() {
    return t(
        "Единый день голосования 19 сентября 2027 года (демонстрационные выборы)",
        "Single voting day, 19 September 2027 (demonstration election)",
        "2027 елның 19 сентябрендәге бердәм тавыш бирү көне (күрсәтмә сайлау)");
  }

  /** A yes/no question worded like the 2020 vote on amendments to the Constitution. */
  static ReferendumContest amendments() {
    return new ReferendumContest(
        "amendments",
        t(
            "Общероссийское голосование по вопросу одобрения изменений в Конституцию Российской"
                + " Федерации",
            "All-Russian vote on approving amendments to the Constitution of the Russian Federation",
            "Россия Федерациясе Конституциясенә үзгәрешләрне хуплау мәсьәләсе буенча гомумроссия"
                + " тавыш бирүе"),
        t(
            "Вы одобряете изменения в Конституцию Российской Федерации, предусмотренные статьёй 1"
                + " Закона Российской Федерации о поправке к Конституции Российской Федерации от 14"
                + " марта 2020 г. № 1-ФКЗ «О совершенствовании регулирования отдельных вопросов"
                + " организации и функционирования публичной власти»?",
            "Do you approve the amendments to the Constitution of the Russian Federation provided"
                + " for by Article 1 of the Law of the Russian Federation on an Amendment to the"
                + " Constitution of the Russian Federation of 14 March 2020 No. 1-FKZ “On"
                + " improving the regulation of certain matters of the organisation and functioning"
                + " of public authority”?",
            "Россия Федерациясе Конституциясенә төзәтмә турында 2020 елның 14 мартындагы 1-ФКЗ"
                + " номерлы «Гавами хакимиятне оештыру һәм аның эшчәнлегенең аерым мәсьәләләрен"
                + " җайга салуны камилләштерү турында» Россия Федерациясе Законының 1 статьясында"
                + " каралган Россия Федерациясе Конституциясенә үзгәрешләрне хуплыйсызмы?"),
        t("ДА", "YES", "ӘЙЕ"),
        t("НЕТ", "NO", "ЮК"));
  }

  /** A city council race: seven candidates, vote for up to two. */
  static CandidateContest council() {
    return new CandidateContest(
        "council-7",
        t(
            "Выборы депутатов Городской думы, многомандатный избирательный округ № 7",
            "City Council election, multi-member district No. 7",
            "Шәһәр Думасы депутатларын сайлау, 7 нче күп мандатлы сайлау округы"),
        2,
        List.of(
            candidate(
                "ivanova",
                t("Иванова Анна Сергеевна", "Anna Sergeyevna Ivanova", "Иванова Анна Сергеевна"),
                t(
                    "учитель, самовыдвижение",
                    "teacher, independent",
                    "укытучы, үзен үзе тәкъдим иткән")),
            candidate(
                "petrov",
                t("Петров Дмитрий Игоревич", "Dmitry Igorevich Petrov", "Петров Дмитрий Игорь улы"),
                t(
                    "инженер-строитель, партия «Зелёный город»",
                    "civil engineer, Green City party",
                    "төзүче инженер, «Яшел шәһәр» партиясе")),
            candidate(
                "khabibullin",
                t(
                    "Хабибуллин Рустам Ильдарович",
                    "Rustam Ildarovich Khabibullin",
                    "Хәбибуллин Рөстәм Илдар улы"),
                t(
                    "врач-педиатр, самовыдвижение",
                    "paediatrician, independent",
                    "балалар табибы, үзен үзе тәкъдим иткән")),
            candidate(
                "sokolova",
                t(
                    "Соколова Мария Андреевна",
                    "Maria Andreyevna Sokolova",
                    "Соколова Мария Андреевна"),
                t(
                    "юрист, партия «Городская инициатива»",
                    "lawyer, Civic Initiative party",
                    "юрист, «Шәһәр инициативасы» партиясе")),
            candidate(
                "galiev",
                t("Галиев Марат Рифович", "Marat Rifovich Galiev", "Галиев Марат Риф улы"),
                t("предприниматель", "small business owner", "эшмәкәр")),
            candidate(
                "kuznetsov",
                t(
                    "Кузнецов Олег Викторович",
                    "Oleg Viktorovich Kuznetsov",
                    "Кузнецов Олег Виктор улы"),
                t(
                    "пенсионер, общественный деятель",
                    "retired, community activist",
                    "пенсионер, җәмәгать эшлеклесе")),
            candidate(
                "zakirova",
                t(
                    "Закирова Гульнара Наилевна",
                    "Gulnara Nailevna Zakirova",
                    "Закирова Гөлнара Наил кызы"),
                t(
                    "библиотекарь, партия «Зелёный город»",
                    "librarian, Green City party",
                    "китапханәче, «Яшел шәһәр» партиясе"))));
  }

  /** Four contests of five candidates each (vote for 1, 1, 2, 2), for benchmarks. */
  static List<CandidateContest> benchmark() {
    List<CandidateContest> out = new ArrayList<>();
    int[] allowed = {1, 1, 2, 2};
    for (int c = 1; c <= 4; c++) {
      List<CandidateContest.Candidate> cands = new ArrayList<>();
      for (int k = 1; k <= 5; k++) {
        cands.add(candidate("c" + k, t("Кандидат " + k, "Candidate " + k, "Кандидат " + k), null));
      }
      out.add(
          new CandidateContest(
              "bench-" + c,
              t("Нагрузочный контест " + c, "Benchmark contest " + c, "Сынау бәйгесе " + c),
              allowed[c - 1],
              cands));
    }
    return out;
  }

  static List<BallotStyle> ballotStyles() {
    return List.of(
        new BallotStyle(
            SampleElection.STYLE_DISTRICT,
            t("Округ № 7", "District No. 7", "7 нче округ"),
            List.of("amendments", "council-7")),
        new BallotStyle(
            SampleElection.STYLE_REFERENDUM,
            t(
                "Только голосование по поправкам",
                "Amendments vote only",
                "Төзәтмәләр буенча тавыш бирү генә"),
            List.of("amendments")),
        new BallotStyle(
            SampleElection.STYLE_BENCHMARK,
            t("Нагрузочный бюллетень 4×5", "Benchmark ballot 4×5", "Сынау бюллетене 4×5"),
            List.of("bench-1", "bench-2", "bench-3", "bench-4")));
  }

  private static CandidateContest.Candidate candidate(
      String id, LocalizedText name, LocalizedText description) {
    return new CandidateContest.Candidate(id, name, description);
  }
}
