package org.urna.hardware.printer;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.hardware.printer.emulator.PrintedPaper;
import org.urna.hardware.printer.escpos.EscPosEncoder;
import org.urna.hardware.printer.layout.ContestChoice;
import org.urna.hardware.printer.layout.Count;
import org.urna.hardware.printer.layout.PaperLayouts;
import org.urna.hardware.printer.layout.PaperRecordContent;
import org.urna.hardware.printer.layout.PaperRecordQr;
import org.urna.hardware.printer.layout.PollReportContent;
import org.urna.hardware.printer.layout.ReceiptContent;
import org.urna.hardware.printer.layout.Selection;
import org.urna.hardware.printer.layout.TestPageContent;
import org.urna.hardware.printer.raster.QrRasterizer;

/**
 * The paper tour: every layout of {@link PaperLayouts} in Russian, English and Tatar on every known
 * printer model, printed by the real driver into the emulator. Each render is checked — one
 * typeface per paper, nothing printed in the margins, every QR code read back with ZXing and equal
 * to what it must carry — and saved to docs/screenshots/paper/ as one PNG per layout and model with
 * the three languages side by side (18 files).
 */
class PaperTourTest {

  static final Path TOUR = PtyPrinterStoriesTest.SCREENSHOTS;
  static final List<String> LANGUAGES = List.of("ru", "en", "tt");
  static final URI LOOKUP = URI.create("https://ledger.example.org/lookup");

  record Doc(String name, Function<String, Paper> paper, Function<String, List<String>> qr) {}

  @Test
  void everyLayoutInEveryLanguageOnEveryModel() throws Exception {
    List<Doc> docs =
        List.of(
            new Doc(
                "paper-record",
                l -> PaperLayouts.paperRecord(record(l)),
                l -> List.of(PaperRecordQr.of(record(l), false).encode())),
            new Doc(
                "void-notice",
                l -> PaperLayouts.voidedPaperRecord(record(l)),
                l -> List.of(PaperRecordQr.of(record(l), true).encode())),
            new Doc(
                "receipt",
                l -> PaperLayouts.receipt(receipt(l)),
                l -> List.of(LOOKUP + "?code=" + SamplePapers.TRACKING_CODE)),
            new Doc("zero-report", l -> PaperLayouts.zeroReport(report(l, false)), l -> List.of()),
            new Doc(
                "closing-report", l -> PaperLayouts.closingReport(report(l, true)), l -> List.of()),
            new Doc(
                "test-page",
                l -> PaperLayouts.testPage(testPage(l)),
                l -> List.of("URNA-TEST/" + l)));
    Files.createDirectories(TOUR);
    Map<String, Boolean> drawnWhole = new LinkedHashMap<>();
    int files = 0;
    for (PrinterProfile profile : PrinterProfile.known()) {
      EscPosEncoder encoder = new EscPosEncoder(profile);
      try (InProcessPrinter printer = InProcessPrinter.start(profile)) {
        for (Doc doc : docs) {
          List<BufferedImage> renders = new ArrayList<>();
          for (String lang : LANGUAGES) {
            String what = doc.name() + " " + lang + " on " + profile.model();
            Paper paper = doc.paper().apply(lang);
            printer.emulator().tearOff();
            assertThat(printer.print(paper)).as(what).isInstanceOf(PrintResult.Printed.class);
            PrintedPaper printed = printer.emulator().tearOff();
            assertThat(printed.errors()).as(what).isEmpty();
            oneTypeface(what, profile, encoder.drawnWhole(paper), paper, printed);
            nothingInTheMargins(what, printed.image());
            assertThat(QrReading.decodeAll(printed.image()))
                .as(what + ": the QR codes read back")
                .containsExactlyElementsOf(doc.qr().apply(lang));
            drawnWhole.put(what, encoder.drawnWhole(paper));
            renders.add(printed.image());
          }
          ImageIO.write(
              sideBySide(renders),
              "png",
              TOUR.resolve(doc.name() + "-" + profile.model() + ".png").toFile());
          files++;
        }
      }
    }
    assertThat(files).isEqualTo(18);
    // Both ways of printing are toured: Tatar is drawn whole, English reports in the printer's
    // font.
    assertThat(drawnWhole.get("paper-record tt on epson-tm-t20")).isTrue();
    assertThat(drawnWhole.get("zero-report en on epson-tm-t20")).isFalse();
    assertThat(drawnWhole.get("receipt en on epson-tm-t20")).as("its em dash").isTrue();
  }

  /**
   * One typeface a paper, as the emulator saw it: either no line came from the printer's character
   * generator (all drawn from the bundled font) or the only raster images are QR codes the model
   * cannot print itself.
   */
  private static void oneTypeface(
      String what, PrinterProfile profile, boolean drawnWhole, Paper paper, PrintedPaper printed) {
    // A QR code the model cannot print itself goes out as raster bands of the model's buffer.
    long qrBands =
        paper.blocks().stream()
            .filter(PaperBlock.QrCode.class::isInstance)
            .map(PaperBlock.QrCode.class::cast)
            .mapToLong(
                q -> {
                  int rows =
                      new QrRasterizer(profile.dotsPerLine())
                          .render(q.payload(), q.moduleDots())
                          .height();
                  return (rows + profile.rasterBandRows() - 1) / profile.rasterBandRows();
                })
            .sum();
    long texts = paper.blocks().stream().filter(PaperBlock.Text.class::isInstance).count();
    if (drawnWhole) {
      assertThat(printed.textLines()).as(what + ": printer-font lines").isEmpty();
      assertThat(printed.rasterImages())
          .as(what + ": raster images")
          .isGreaterThanOrEqualTo((int) texts);
    } else {
      assertThat(printed.textLines()).as(what + ": printer-font lines").isNotEmpty();
      assertThat(printed.rasterImages())
          .as(what + ": raster images other than QR codes")
          .isEqualTo(profile.nativeQr() ? 0 : (int) qrBands);
    }
  }

  /** No black dot within 3 mm of either edge (cut and paper-end marks are grey and red). */
  private static void nothingInTheMargins(String what, BufferedImage image) {
    int m = EscPosEncoder.MARGIN_DOTS;
    int w = image.getWidth();
    List<String> inMargin = new ArrayList<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < w; x++) {
        if ((x < m || x >= w - m) && (image.getRGB(x, y) & 0xffffff) == 0) {
          inMargin.add(x + "," + y);
        }
      }
    }
    assertThat(inMargin).as(what + ": black dots in the margins").isEmpty();
  }

  private static BufferedImage sideBySide(List<BufferedImage> images) {
    int gap = 24;
    int width = images.stream().mapToInt(BufferedImage::getWidth).sum() + gap * (images.size() + 1);
    int height = images.stream().mapToInt(BufferedImage::getHeight).max().orElseThrow() + 2 * gap;
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(new Color(0x60, 0x60, 0x60));
    g.fillRect(0, 0, width, height);
    int x = gap;
    for (BufferedImage i : images) {
      g.drawImage(i, x, gap, null);
      x += i.getWidth() + gap;
    }
    g.dispose();
    return out;
  }

  static String t(String lang, String ru, String en, String tt) {
    return switch (lang) {
      case "ru" -> ru;
      case "en" -> en;
      default -> tt;
    };
  }

  static PaperRecordContent record(String l) {
    return new PaperRecordContent(
        t(l, "Выборы в городской совет", "City Council Election", "Шәһәр советына сайлау"),
        SamplePapers.BALLOT_ID,
        List.of(
            new ContestChoice(
                "mayor",
                t(l, "Мэр города", "Mayor", "Шәһәр мэры"),
                List.of(
                    new Selection(
                        "petrov",
                        t(
                            l,
                            "Петров Дмитрий Игоревич",
                            "Dmitry Igorevich Petrov",
                            "Петров Дмитрий Игорь улы"),
                        t(
                            l,
                            "инженер-строитель, партия «Зелёный город»",
                            "civil engineer, Green City party",
                            "төзүче инженер, «Яшел шәһәр» партиясе")))),
            new ContestChoice(
                "council",
                t(l, "Городской совет (до двух)", "City council (up to two)", "Шәһәр советы"),
                List.of(
                    new Selection(
                        "ivanova",
                        t(l, "Иванова Анна Сергеевна", "Anna Ivanova", "Иванова Анна Сергеевна"),
                        t(l, "учитель, самовыдвижение", "teacher, independent", "укытучы")),
                    new Selection(
                        "ivanova-2",
                        t(l, "Иванова Анна Сергеевна", "Anna Ivanova", "Иванова Анна Сергеевна"),
                        t(l, "врач, партия «Мост»", "doctor, Bridge party", "табиб, «Күпер»")))),
            new ContestChoice(
                "park",
                t(l, "Референдум: новый парк", "Referendum: a new park", "Референдум: яңа парк"),
                List.of())),
        t(l, "Бюллетень", "Ballot", "Бюллетень"),
        t(l, "Ничего не выбрано", "No selection", "Берни дә сайланмады"),
        t(
            l,
            "Проверьте: на листе ваш выбор?",
            "Check this paper: does it show your choices?",
            "Тикшерегез: биттә сезнең сайлаумы?"),
        t(l, "ПОГАШЕН", "VOID", "ЮККА ЧЫГАРЫЛДЫ"));
  }

  static ReceiptContent receipt(String l) {
    return new ReceiptContent(
        t(l, "КВИТАНЦИЯ — ГОЛОС УЧТЁН", "RECEIPT — BALLOT CAST", "КВИТАНЦИЯ — ТАВЫШ ИСӘПКӘ АЛЫНДЫ"),
        t(l, "Участок", "Station", "Участок"),
        t(l, "Участок № 1234", "Station 1234", "1234 нче участок"),
        t(l, "Время", "Time", "Вакыт"),
        LocalDateTime.of(2026, 9, 13, 14, 0),
        t(l, "Код отслеживания", "Tracking code", "Күзәтү коды"),
        SamplePapers.TRACKING_CODE,
        LOOKUP,
        t(
            l,
            "Проверьте в открытом реестре:",
            "Look it up on the public ledger:",
            "Ачык реестрда тикшерегез:"));
  }

  static PollReportContent report(String l, boolean closing) {
    return new PollReportContent(
        closing
            ? t(l, "Итоговый отчёт", "Closing report", "Йомгаклау хисабы")
            : t(l, "Нулевой отчёт", "Zero report", "Нуль хисабы"),
        t(l, "Выборы в городской совет", "City Council Election", "Шәһәр советына сайлау"),
        t(l, "Участок", "Station", "Участок"),
        t(l, "Участок № 1234", "Station 1234", "1234 нче участок"),
        t(l, "Время", "Time", "Вакыт"),
        LocalDateTime.of(2026, 9, 13, closing ? 20 : 8, 0),
        List.of(
            new Count(
                t(l, "Принято бюллетеней", "Ballots cast", "Кабул ителгән"), closing ? 812 : 0),
            new Count(t(l, "Оспорено", "Ballots challenged", "Бәхәсләнгән"), closing ? 9 : 0)),
        t(l, "Последний код", "Last tracking code", "Соңгы код"),
        closing ? Optional.of(SamplePapers.TRACKING_CODE) : Optional.empty(),
        t(l, "Подпись", "Poll worker", "Имза"));
  }

  static TestPageContent testPage(String l) {
    return new TestPageContent(
        t(l, "Проверка принтера", "Printer test", "Принтерны тикшерү"),
        List.of(
            t(
                l,
                "Съешь же ещё этих мягких булок",
                "The quick brown fox",
                "Җәй көне күлдә үрдәкләр йөзә")),
        "URNA-TEST/" + l);
  }
}
