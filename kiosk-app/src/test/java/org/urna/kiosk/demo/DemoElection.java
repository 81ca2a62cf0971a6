package org.urna.kiosk.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.urna.core.crypto.ElGamalSecretKey;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Scalar;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.CandidateContest.Candidate;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.LocalizedText;
import org.urna.core.election.ReferendumContest;
import org.urna.core.election.Station;
import org.urna.core.election.VotingWindow;

/**
 * The voter-screen tests' election (test code only: the demo itself loads a signed election
 * package, kiosk-demo), in Russian, English and Tatar (Cyrillic with Ә Ө Ү Җ Ң Һ): a constitutional
 * referendum with a long question, a mayoral race and a city council race (vote for up to 3 of 7).
 * Deterministic demo keys: the secret key is public knowledge, so it decrypts the demo's tallies in
 * tests and must never protect a real election.
 */
public final class DemoElection {
  public static final String STATION = "station-1";
  public static final String FULL_STYLE = "district-1";
  public static final String REFERENDUM_STYLE = "referendum";

  public final ElectionManifest manifest;
  public final ElGamalSecretKey secret;
  public final ElectionKey key;
  public final SigningKey stationKey;

  public DemoElection() {
    stationKey = SigningKey.fromSeed(Hash.tagged("urna-demo-station").part(STATION).digest());
    secret =
        new ElGamalSecretKey(
            Scalar.fromHex(
                HexFormat.of()
                    .formatHex(Hash.tagged("urna-demo-election-secret").digest())
                    .replaceFirst("^.", "0")));
    key = new ElectionKey(secret.publicKey(), Hash.tagged("urna-demo-election").digest());
    List<Contest> contests = List.of(referendum(), mayor(), council());
    manifest =
        new ElectionManifest(
            "demo-2026",
            LocalizedText.of(
                "ru", "Городские выборы и общероссийское голосование (демонстрация)",
                "en", "City election and national vote (demonstration)",
                "tt", "Шәһәр сайлаулары һәм гомумрусия тавыш бирүе (күрсәтү)"),
            List.of("ru", "en", "tt"),
            new VotingWindow(
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2036-01-01T00:00:00Z")),
            contests,
            List.of(
                new BallotStyle(
                    FULL_STYLE,
                    LocalizedText.of("ru", "Округ 1", "en", "District 1", "tt", "1 нче округ"),
                    List.of("amendments", "mayor", "council")),
                new BallotStyle(
                    REFERENDUM_STYLE,
                    LocalizedText.of(
                        "ru",
                        "Только голосование",
                        "en",
                        "National vote only",
                        "tt",
                        "Гомумрусия тавыш бирүе генә"),
                    List.of("amendments"))),
            List.of(
                new Station(
                    STATION,
                    LocalizedText.of("ru", "Участок 1", "en", "Station 1", "tt", "1 нче участок"),
                    stationKey.publicKey())));
  }

  private static ReferendumContest referendum() {
    return new ReferendumContest(
        "amendments",
        LocalizedText.of(
            "ru", "Общероссийское голосование по поправкам к Конституции",
            "en", "National vote on the amendments to the Constitution",
            "tt", "Конституциягә төзәтмәләр буенча гомумрусия тавыш бирүе"),
        LocalizedText.of(
            "ru",
            "Вы одобряете изменения в Конституцию Российской Федерации, предложенные в законе о"
                + " поправке к Конституции «О совершенствовании регулирования отдельных вопросов"
                + " организации и функционирования публичной власти», включая все статьи, которые"
                + " этот закон изменяет, дополняет или излагает в новой редакции?",
            "en",
            "Do you approve the changes to the Constitution of the Russian Federation proposed in"
                + " the law on the amendment to the Constitution \"On improving the regulation of"
                + " certain matters of the organisation and functioning of public authority\","
                + " including every article that this law changes, adds to or restates?",
            "tt",
            "Сез Россия Федерациясе Конституциясенә «Ачык хакимиятне оештыру һәм эшләтүнең"
                + " аерым мәсьәләләрен җайга салуны камилләштерү турында» Конституциягә төзәтмә"
                + " законында тәкъдим ителгән үзгәрешләрне, бу закон үзгәртә, өсти яки яңа"
                + " редакциядә бәян итә торган барлык маддәләр белән бергә, хуплыйсызмы?"),
        LocalizedText.of("ru", "Да", "en", "Yes", "tt", "Әйе"),
        LocalizedText.of("ru", "Нет", "en", "No", "tt", "Юк"));
  }

  private static CandidateContest mayor() {
    return new CandidateContest(
        "mayor",
        LocalizedText.of("ru", "Мэр города", "en", "Mayor", "tt", "Шәһәр мэры"),
        1,
        List.of(
            candidate(
                "mayor-1",
                "Анна Сергеевна Волкова",
                "Anna Sergeyevna Volkova",
                "Партия «Зелёный город»",
                "Green City Party",
                "«Яшел шәһәр» партиясе"),
            candidate(
                "mayor-2",
                "Ринат Фаридович Хайруллин",
                "Rinat Faridovich Khayrullin",
                "Самовыдвижение",
                "Independent",
                "Үзен тәкъдим иткән"),
            candidate(
                "mayor-3",
                "Константин Александрович Верещагин-Преображенский",
                "Konstantin Alexandrovich Vereshchagin-Preobrazhensky",
                "Объединение «Горожане за прозрачный бюджет и общественный транспорт»",
                "Citizens for an Open Budget and Public Transport",
                "«Ачык бюджет һәм җәмәгать транспорты өчен шәһәрлеләр» берләшмәсе"),
            candidate(
                "mayor-4",
                "Гүзәл Илдаровна Җәлилова",
                "Guzel Ildarovna Jalilova",
                "Партия «Новые люди города»",
                "New People of the City",
                "«Шәһәрнең яңа кешеләре» партиясе")));
  }

  private static CandidateContest council() {
    String[][] names = {
      {"Ольга Петровна Смирнова", "Olga Petrovna Smirnova"},
      {"Айдар Рустэмович Гарипов", "Aidar Rustemovich Garipov"},
      {"Мария Ивановна Кузнецова-Оболенская", "Maria Ivanovna Kuznetsova-Obolenskaya"},
      {"Дмитрий Олегович Лебедев", "Dmitry Olegovich Lebedev"},
      {"Ләйсән Маратовна Нуриева", "Leysan Maratovna Nurieva"},
      {"Сергей Викторович Орлов", "Sergey Viktorovich Orlov"},
      {"Екатерина Андреевна Белоусова", "Ekaterina Andreyevna Belousova"},
    };
    List<Candidate> cands = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      cands.add(
          new Candidate(
              "council-" + (i + 1),
              LocalizedText.of("ru", names[i][0], "en", names[i][1], "tt", names[i][0]),
              null));
    }
    return new CandidateContest(
        "council",
        LocalizedText.of(
            "ru", "Городской совет, многомандатный округ № 1",
            "en", "City council, multi-member district 1",
            "tt", "Шәһәр советы, 1 нче күпмандатлы округ"),
        3,
        cands);
  }

  private static Candidate candidate(
      String id, String ru, String en, String partyRu, String partyEn, String partyTt) {
    return new Candidate(
        id,
        LocalizedText.of("ru", ru, "en", en, "tt", ru),
        LocalizedText.of("ru", partyRu, "en", partyEn, "tt", partyTt));
  }
}
