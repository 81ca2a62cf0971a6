package org.urna.hardware.printer;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.urna.hardware.printer.layout.ContestChoice;
import org.urna.hardware.printer.layout.Count;
import org.urna.hardware.printer.layout.PaperRecordContent;
import org.urna.hardware.printer.layout.PollReportContent;
import org.urna.hardware.printer.layout.ReceiptContent;
import org.urna.hardware.printer.layout.Selection;
import org.urna.hardware.printer.layout.TestPageContent;

/** Content for every layout in Russian, English and Kazakh (letters no code page holds). */
public final class SamplePapers {

  public static final String BALLOT_ID = "3f9a1c0e7b2d4a6f8e1c0b9a7d6e5f40";
  public static final String TRACKING_CODE = "K7QX2M9PLR4TW8BZ3NC6VDHJ";

  private SamplePapers() {}

  public static PaperRecordContent russianRecord() {
    return new PaperRecordContent(
        "Выборы депутатов Московской городской думы",
        BALLOT_ID,
        List.of(
            new ContestChoice(
                "mayor", "Мэр города", List.of(new Selection("cand-2", "Иванова Мария Петровна"))),
            new ContestChoice(
                "council-7",
                "Депутат по округу № 7 (не более двух)",
                List.of(
                    new Selection("c7-1", "Смирнов Алексей"),
                    new Selection("c7-4", "Кузнецова Ольга"))),
            new ContestChoice("referendum-1", "Референдум: новый парк на набережной", List.of())),
        "Бюллетень",
        "Нет выбора",
        "Проверьте ваш выбор",
        "НЕДЕЙСТВИТЕЛЕН");
  }

  public static PaperRecordContent englishRecord() {
    return new PaperRecordContent(
        "City General Election",
        BALLOT_ID,
        List.of(
            new ContestChoice(
                "mayor", "Mayor", List.of(new Selection("cand-1", "Alexandra Whitfield"))),
            new ContestChoice("park", "Proposition 1: Riverside Park", List.of())),
        "Ballot",
        "No selection",
        "Check your choices",
        "VOID");
  }

  public static PaperRecordContent kazakhRecord() {
    return new PaperRecordContent(
        "Қалалық мәслихат сайлауы",
        BALLOT_ID,
        List.of(
            new ContestChoice(
                "akim", "Әкім", List.of(new Selection("cand-3", "Өмірбекова Әйгерім Үмбетқызы"))),
            new ContestChoice("ref", "Жаңа саябақ және көпір", List.of())),
        "Бюллетень",
        "Таңдау жоқ",
        "Таңдауыңызды тексеріңіз",
        "ЖАРАМСЫЗ");
  }

  public static ReceiptContent russianReceipt() {
    return new ReceiptContent(
        "Ваш чек",
        "Участок",
        "УИК 1234",
        "Время",
        LocalDateTime.of(2026, 9, 13, 14, 0),
        "Код отслеживания",
        TRACKING_CODE,
        URI.create("https://ledger.example.org/lookup"),
        "Найдите ваш бюллетень по коду:");
  }

  public static PollReportContent zeroReport() {
    return new PollReportContent(
        "Нулевой отчёт",
        "Выборы депутатов Московской городской думы",
        "Участок",
        "УИК 1234",
        "Открытие",
        LocalDateTime.of(2026, 9, 13, 8, 0),
        List.of(new Count("Принято бюллетеней", 0), new Count("Оспорено бюллетеней", 0)),
        "Последний код",
        Optional.empty(),
        "Подпись");
  }

  public static PollReportContent closingReport() {
    return new PollReportContent(
        "Closing report",
        "City General Election",
        "Station",
        "Station 1234",
        "Closed",
        LocalDateTime.of(2026, 9, 13, 20, 0),
        List.of(new Count("Ballots cast", 812), new Count("Ballots challenged", 9)),
        "Last tracking code",
        Optional.of(TRACKING_CODE),
        "Poll worker");
  }

  public static TestPageContent testPage() {
    return new TestPageContent(
        "Printer test",
        List.of(
            "English: The quick brown fox",
            "Русский: Съешь же ещё этих мягких булок",
            "Қазақша: Әә Өө Үү Ңң Һһ Ғғ Ққ Ұұ Іі",
            "Татарча: Җәй көне күлдә үрдәкләр йөзә, һава җылы"),
        "URNA-TEST/printer-ok");
  }
}
