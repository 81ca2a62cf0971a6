package org.urna.hardware.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urna.hardware.printer.PaperBlock.Text;
import org.urna.hardware.printer.emulator.EscPosEmulator;
import org.urna.hardware.printer.emulator.PrintedPaper;
import org.urna.hardware.printer.escpos.EscPosPrinter;
import org.urna.hardware.printer.layout.PaperLayouts;
import org.urna.hardware.printer.raster.BitImage;
import org.urna.hardware.printer.raster.TextRasterizer;
import org.urna.hardware.printer.serial.JSerialCommLink;
import org.urna.hardware.printer.serial.SocatPtyPair;

/** What a poll worker meets at the printer, played through a real pty pair. */
class PtyPrinterFaultStoriesTest {

  /** Generous: only guards against a hang, never measures speed. */
  private static final Duration NO_HANG = Duration.ofSeconds(60);

  private final Paper record = PaperLayouts.paperRecord(SamplePapers.russianRecord());
  private SocatPtyPair pty;
  private EscPosEmulator emulator;
  private EscPosPrinter printer;

  private void connect(PrinterProfile profile) throws Exception {
    pty = SocatPtyPair.start();
    emulator = EscPosEmulator.start(JSerialCommLink.open(pty.devicePath(), 115_200), profile);
    printer =
        new EscPosPrinter(
            JSerialCommLink.open(pty.hostPath(), 115_200), profile, Duration.ofSeconds(1));
  }

  @AfterEach
  void disconnect() {
    if (printer != null) {
      printer.close();
    }
    if (emulator != null) {
      emulator.close();
    }
    if (pty != null) {
      pty.close();
    }
  }

  private PrintResult print(Paper paper) {
    return assertTimeoutPreemptively(NO_HANG, () -> printer.print(paper));
  }

  @Test
  void paperOutBeforePrintingUsesNoPaperAndPrintsOnceLoaded() throws Exception {
    connect(PrinterProfile.EPSON_TM_T20);
    emulator.setPaperOut(true);

    PrintResult refused = print(record);

    assertThat(refused)
        .isEqualTo(new PrintResult.NotStarted(PrinterFault.PAPER_OUT, refused.status()));
    assertThat(emulator.paper().textLines()).isEmpty();
    emulator.setPaperOut(false);
    assertThat(print(record)).isInstanceOf(PrintResult.Printed.class);
    assertThat(emulator.paper().text()).contains("Иванова Мария Петровна");
  }

  @Test
  void paperRunningOutMidPrintInterruptsAndTheReprintIsComplete() throws Exception {
    connect(PrinterProfile.GENERIC_58MM);
    long total = printer.encoder().encode(record).totalBytes();
    emulator.runOutOfPaperAfter(total / 2);

    PrintResult result = print(record);

    assertThat(result).isInstanceOf(PrintResult.Interrupted.class);
    assertThat(((PrintResult.Interrupted) result).fault()).isEqualTo(PrinterFault.PAPER_OUT);
    assertThat(result.bytesSent()).isLessThan(total);
    assertThat(QrReading.decodeAll(emulator.paper().image())).isEmpty();

    emulator.setPaperOut(false);
    PrintResult reprint = print(record);
    assertThat(reprint).isInstanceOf(PrintResult.Printed.class);
    assertThat(reprint.bytesSent()).isEqualTo(total);
    assertThat(QrReading.decodeAll(emulator.paper().image())).hasSize(1);
  }

  @Test
  void coverOpenedMidPrintInterruptsWithCoverOpen() throws Exception {
    connect(PrinterProfile.STAR_TSP100_ESCPOS);
    emulator.openCoverAfter(printer.encoder().encode(record).totalBytes() / 3);

    PrintResult result = print(record);

    assertThat(result).isInstanceOf(PrintResult.Interrupted.class);
    assertThat(((PrintResult.Interrupted) result).fault()).isEqualTo(PrinterFault.COVER_OPEN);
    emulator.setCoverOpen(false);
    assertThat(print(record)).isInstanceOf(PrintResult.Printed.class);
  }

  @Test
  void openCoverIsReportedAndBlocksPrinting() throws Exception {
    connect(PrinterProfile.STAR_TSP100_ESCPOS);
    emulator.setCoverOpen(true);

    assertThat(printer.status().faults()).containsExactly(PrinterFault.COVER_OPEN);
    PrintResult result = print(record);

    assertThat(result).isInstanceOf(PrintResult.NotStarted.class);
    assertThat(((PrintResult.NotStarted) result).fault()).isEqualTo(PrinterFault.COVER_OPEN);
    emulator.setCoverOpen(false);
    assertThat(printer.status().isReady()).isTrue();
  }

  @Test
  void coverOpenedWhileIdleArrivesAsAutomaticStatusBesideTheRealtimeReplies() throws Exception {
    connect(PrinterProfile.EPSON_TM_T20);
    assertThat(print(record)).isInstanceOf(PrintResult.Printed.class); // turns GS a on

    emulator.setCoverOpen(true);

    assertThat(printer.status().faults()).containsExactly(PrinterFault.COVER_OPEN);
    assertThat(printer.lastAutomaticStatus().faults()).containsExactly(PrinterFault.COVER_OPEN);
  }

  @Test
  void silentPrinterIsReportedAsNoAnswerWithinTheTimeoutAndRecovers() throws Exception {
    connect(PrinterProfile.EPSON_TM_T20);
    emulator.setSilent(true);

    PrinterStatus status = assertTimeoutPreemptively(NO_HANG, () -> printer.status());
    PrintResult result = print(record);

    assertThat(status.faults()).containsExactly(PrinterFault.NO_ANSWER);
    assertThat(result).isInstanceOf(PrintResult.NotStarted.class);
    assertThat(((PrintResult.NotStarted) result).fault()).isEqualTo(PrinterFault.NO_ANSWER);
    emulator.setSilent(false);
    assertThat(printer.status().isReady()).isTrue();
  }

  @Test
  void printerFallingSilentMidPrintInterruptsWithNoAnswer() throws Exception {
    connect(PrinterProfile.EPSON_TM_T20);
    emulator.goSilentAfter(printer.encoder().encode(record).totalBytes() / 2);

    PrintResult result = print(record);

    assertThat(result).isInstanceOf(PrintResult.Interrupted.class);
    assertThat(((PrintResult.Interrupted) result).fault()).isEqualTo(PrinterFault.NO_ANSWER);
  }

  @Test
  void garbageFromThePrinterIsACleanFaultAndTheDriverRecovers() throws Exception {
    connect(PrinterProfile.EPSON_TM_T20);
    emulator.sendGarbageAfter(1, new byte[] {(byte) 0xff, 0x00, 0x7e, 0x41});

    PrinterStatus garbled = printer.status();

    assertThat(garbled.faults()).containsExactly(PrinterFault.GARBLED_REPLY);
    assertThat(printer.status().isReady()).isTrue();
    assertThat(print(record)).isInstanceOf(PrintResult.Printed.class);
    assertThat(QrReading.decodeAll(emulator.paper().image())).hasSize(1);
  }

  @Test
  void garbageMidPrintInterruptsAndTheReprintSucceeds() throws Exception {
    connect(PrinterProfile.GENERIC_58MM);
    emulator.sendGarbageAfter(2000, new byte[] {(byte) 0xee, (byte) 0xee, 0x01});

    PrintResult result = print(record);

    assertThat(result).isInstanceOf(PrintResult.Interrupted.class);
    assertThat(((PrintResult.Interrupted) result).fault()).isEqualTo(PrinterFault.GARBLED_REPLY);
    assertThat(print(record)).isInstanceOf(PrintResult.Printed.class);
  }

  @Test
  void unpluggedPrinterIsReportedAsDisconnected() throws Exception {
    connect(PrinterProfile.EPSON_TM_T20);
    emulator.close();
    pty.close();

    PrintResult result = print(record);

    assertThat(result).isInstanceOf(PrintResult.NotStarted.class);
    assertThat(((PrintResult.NotStarted) result).fault()).isEqualTo(PrinterFault.DISCONNECTED);
  }

  @Test
  void aPortThatDoesNotExistGivesADisconnectedPrinterInsteadOfAnException() {
    try (ReceiptPrinter missing =
        EscPosPrinter.open("/nonexistent/ttyUSB9", 115_200, PrinterProfile.EPSON_TM_T20)) {
      assertThat(missing.status().faults()).containsExactly(PrinterFault.DISCONNECTED);
      assertThat(missing.print(record))
          .isEqualTo(new PrintResult.NotStarted(PrinterFault.DISCONNECTED, missing.status()));
    }
  }

  @Test
  void printerUnpluggedMidPrintInterruptsWithDisconnected() throws Exception {
    pty = SocatPtyPair.start();
    emulator =
        EscPosEmulator.start(
            JSerialCommLink.open(pty.devicePath(), 115_200), PrinterProfile.GENERIC_58MM);
    // A long reply time-out: the driver must learn of the unplugging from the port, not a timer.
    printer =
        new EscPosPrinter(
            JSerialCommLink.open(pty.hostPath(), 115_200),
            PrinterProfile.GENERIC_58MM,
            Duration.ofSeconds(30));
    long half = printer.encoder().encode(record).totalBytes() / 2;
    emulator.goSilentAfter(half); // holds the print at a status query until the cable is pulled
    Thread unplug =
        Thread.ofVirtual()
            .start(
                () -> {
                  long giveUp = System.nanoTime() + NO_HANG.toNanos();
                  while (emulator.bytesReceived() < half && System.nanoTime() < giveUp) {
                    try {
                      Thread.sleep(5);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                  pty.close();
                });

    PrintResult result = print(record);
    unplug.join();

    assertThat(result).isInstanceOf(PrintResult.Interrupted.class);
    assertThat(((PrintResult.Interrupted) result).fault()).isEqualTo(PrinterFault.DISCONNECTED);
  }

  @Test
  void nearEndWarnsButStillPrints() throws Exception {
    connect(PrinterProfile.EPSON_TM_T20);
    emulator.setPaperNearEnd(true);

    PrintResult result = print(record);

    assertThat(result).isInstanceOf(PrintResult.Printed.class);
    assertThat(result.status().faults()).containsExactly(PrinterFault.PAPER_NEAR_END);
  }

  @Test
  void jammedCutterBlocksPrinting() throws Exception {
    connect(PrinterProfile.EPSON_TM_T20);
    emulator.setCutterJammed(true);

    PrintResult result = print(record);

    assertThat(result).isInstanceOf(PrintResult.NotStarted.class);
    assertThat(((PrintResult.NotStarted) result).fault()).isEqualTo(PrinterFault.CUTTER_ERROR);
  }

  @Test
  void aScriptNoCodePageHoldsRastersTheWholePaperVisibleInThePng() throws Exception {
    connect(PrinterProfile.EPSON_TM_T20);
    Text title = Text.heading("Әә Өө Үү Җҗ Ңң Һһ");
    Paper paper = new Paper("script test", java.util.List.of(title, Text.body("Latin line")));

    assertThat(print(paper)).isInstanceOf(PrintResult.Printed.class);

    PrintedPaper printed = emulator.paper();
    // One typeface for the paper: the Latin line is drawn from the bundled font too.
    assertThat(printed.rasterImages()).isEqualTo(2);
    assertThat(printed.textLines()).isEmpty();
    BitImage expected = new TextRasterizer(576).render(title);
    assertThat(expected.blackDots()).isGreaterThan(500);
    int top = 16; // the emulator's top margin: the raster is the first thing on the paper
    int mismatches = 0;
    for (int y = 0; y < expected.height(); y++) {
      for (int x = 0; x < expected.widthDots(); x++) {
        boolean black = (printed.image().getRGB(x, top + y) & 0xffffff) == 0;
        if (black != expected.isBlack(x, y)) {
          mismatches++;
        }
      }
    }
    assertThat(mismatches).isZero();
  }
}
