package org.urna.hardware.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urna.hardware.printer.Paper;
import org.urna.hardware.printer.PaperBlock;
import org.urna.hardware.printer.PaperBlock.Text;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.ByteSource;
import org.urna.hardware.printer.emulator.EscPosCommand;
import org.urna.hardware.printer.emulator.EscPosCommandReader;

class EscPosEncoderTest {

  private static List<EscPosCommand> commands(PrinterProfile profile, Paper paper)
      throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    new EscPosEncoder(profile).encode(paper).chunks().forEach(all::writeBytes);
    EscPosCommandReader reader = new EscPosCommandReader(ByteSource.of(all.toByteArray()));
    List<EscPosCommand> out = new ArrayList<>();
    try {
      while (true) {
        out.add(reader.next());
      }
    } catch (ByteSource.EndOfInput end) {
      return out;
    }
  }

  private static Paper paper(PaperBlock... blocks) {
    return new Paper("test", List.of(blocks));
  }

  @Test
  void russianTextSelectsEachModelsOwnCyrillicCodePage() throws Exception {
    Paper p = paper(Text.body("Выборы"));
    assertThat(commands(PrinterProfile.EPSON_TM_T20, p))
        .contains(new EscPosCommand.SelectCodePage(17));
    assertThat(commands(PrinterProfile.STAR_TSP100_ESCPOS, p))
        .contains(new EscPosCommand.SelectCodePage(10));
  }

  @Test
  void englishStaysInCodePageZeroAndNoRasterIsSent() throws Exception {
    var cmds = commands(PrinterProfile.GENERIC_58MM, paper(Text.body("Ballot")));
    assertThat(cmds).contains(new EscPosCommand.SelectCodePage(0));
    assertThat(cmds).noneMatch(EscPosCommand.RasterImage.class::isInstance);
  }

  @Test
  void lettersNoCodePageHoldsGoOutAsRasterBandsWithinTheModelsBuffer() throws Exception {
    String tatar = "Җәй көне күлдә үрдәкләр йөзә, һава җылы. ".repeat(6);
    for (PrinterProfile profile : PrinterProfile.known()) {
      var rasters =
          commands(profile, paper(Text.body(tatar))).stream()
              .filter(EscPosCommand.RasterImage.class::isInstance)
              .map(c -> ((EscPosCommand.RasterImage) c).image())
              .toList();
      assertThat(rasters).hasSizeGreaterThan(1);
      assertThat(rasters)
          .allSatisfy(
              img -> {
                assertThat(img.height()).isLessThanOrEqualTo(profile.rasterBandRows());
                assertThat(img.widthDots()).isEqualTo(profile.dotsPerLine());
              });
    }
  }

  @Test
  void qrIsNativeOnModelsWithAQrEngineAndRasterElsewhere() throws Exception {
    Paper p = paper(new PaperBlock.QrCode("URNA-PR1/abc/P/x=y", 5));
    assertThat(commands(PrinterProfile.EPSON_TM_T20, p))
        .contains(new EscPosCommand.QrPrint())
        .noneMatch(EscPosCommand.RasterImage.class::isInstance);
    assertThat(commands(PrinterProfile.GENERIC_58MM, p))
        .doesNotContain(new EscPosCommand.QrPrint())
        .anyMatch(EscPosCommand.RasterImage.class::isInstance);
  }

  @Test
  void cutOnlyWhereThereIsACutter() throws Exception {
    Paper p = paper(Text.body("x"));
    assertThat(commands(PrinterProfile.EPSON_TM_T20, p))
        .anyMatch(EscPosCommand.Cut.class::isInstance);
    assertThat(commands(PrinterProfile.GENERIC_58MM, p))
        .noneMatch(EscPosCommand.Cut.class::isInstance);
  }

  @Test
  void chunksNeverSplitACommand() {
    Paper p =
        paper(
            Text.body("Выборы депутатов ".repeat(200)),
            new PaperBlock.QrCode("URNA", 4),
            Text.body("Әә ".repeat(50)));
    for (byte[] chunk : new EscPosEncoder(PrinterProfile.STAR_TSP100_ESCPOS).encode(p).chunks()) {
      EscPosCommandReader reader = new EscPosCommandReader(ByteSource.of(chunk));
      try {
        while (true) {
          reader.next();
        }
      } catch (ByteSource.EndOfInput end) {
        // chunk ended on a command boundary
      } catch (Exception e) {
        throw new AssertionError("A chunk ends inside a command: " + e.getMessage(), e);
      }
    }
  }

  @Test
  void wrapBreaksAtWordsAndSplitsAddressesAtTheirSeparators() {
    assertThat(EscPosEncoder.wrap("one two three", 7)).containsExactly("one two", "three");
    assertThat(EscPosEncoder.wrap("https://ledger.example.org/lookup", 32))
        .containsExactly("https://ledger.example.org/", "lookup");
  }

  @Test
  void aBannerTooWideForThePaperStepsDownInsteadOfBreakingTheWord() {
    Text banner =
        new Text("НЕДЕЙСТВИТЕЛЕН", PaperBlock.TextSize.HUGE, true, PaperBlock.Align.CENTER, true);
    assertThat(new EscPosEncoder(PrinterProfile.GENERIC_58MM).fittingSize(banner))
        .isEqualTo(PaperBlock.TextSize.LARGE);
    assertThat(new EscPosEncoder(PrinterProfile.EPSON_TM_T20).fittingSize(banner))
        .isEqualTo(PaperBlock.TextSize.LARGE);
    assertThat(
            new EscPosEncoder(PrinterProfile.GENERIC_58MM)
                .fittingSize(
                    new Text(
                        "VOID", PaperBlock.TextSize.HUGE, true, PaperBlock.Align.CENTER, true)))
        .isEqualTo(PaperBlock.TextSize.HUGE);
  }

  @Test
  void oneLineNoCodePageHoldsRastersEveryParagraphAndRuleOfThePaper() throws Exception {
    Paper p =
        paper(
            Text.heading("Ballot"),
            new PaperBlock.Rule(),
            Text.body("Шәһәр"),
            Text.body("Latin again"));
    for (PrinterProfile profile : PrinterProfile.known()) {
      var cmds = commands(profile, p);
      assertThat(cmds).noneMatch(EscPosCommand.Printable.class::isInstance);
      assertThat(cmds.stream().filter(EscPosCommand.RasterImage.class::isInstance)).hasSize(4);
    }
  }

  @Test
  void anEmDashIsDrawnNotPrintedAsAOneCellDash() throws Exception {
    // windows-1251 holds the em dash, but the printer's font draws it one cell wide.
    EscPosEncoder epson = new EscPosEncoder(PrinterProfile.EPSON_TM_T20);
    assertThat(epson.codePageFor("RECEIPT — BALLOT CAST")).isPresent();
    assertThat(epson.printableInPrinterFont("RECEIPT — BALLOT CAST")).isFalse();
    assertThat(epson.printableInPrinterFont("RECEIPT - BALLOT CAST")).isTrue();
    var cmds = commands(PrinterProfile.EPSON_TM_T20, paper(Text.body("RECEIPT — BALLOT CAST")));
    assertThat(cmds).noneMatch(EscPosCommand.Printable.class::isInstance);
    assertThat(cmds).anyMatch(EscPosCommand.RasterImage.class::isInstance);
  }

  @Test
  void textInThePrintersFontKeepsAMarginOnBothSides() throws Exception {
    for (PrinterProfile profile : PrinterProfile.known()) {
      var cmds = commands(profile, paper(Text.body("x".repeat(200)), new PaperBlock.Rule()));
      assertThat(cmds).contains(new EscPosCommand.LeftMargin(EscPosEncoder.MARGIN_DOTS));
      assertThat(cmds)
          .contains(
              new EscPosCommand.PrintAreaWidth(
                  profile.dotsPerLine() - 2 * EscPosEncoder.MARGIN_DOTS));
      // No printed line is longer than the area between the margins.
      int columns = (profile.dotsPerLine() - 2 * EscPosEncoder.MARGIN_DOTS) / 12;
      int run = 0;
      int longest = 0;
      for (EscPosCommand c : cmds) {
        if (c instanceof EscPosCommand.Printable) {
          longest = Math.max(longest, ++run);
        } else {
          run = 0;
        }
      }
      assertThat(longest).isEqualTo(columns);
    }
  }
}
