package org.urna.hardware.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.urna.hardware.printer.emulator.EscPosEmulator;
import org.urna.hardware.printer.emulator.PrintedPaper;
import org.urna.hardware.printer.escpos.EscPosPrinter;
import org.urna.hardware.printer.layout.PaperLayouts;
import org.urna.hardware.printer.layout.PaperRecordQr;
import org.urna.hardware.printer.serial.JSerialCommLink;
import org.urna.hardware.printer.serial.SocatPtyPair;

/**
 * The real stack: the driver on one end of a socat pty pair through jSerialComm, the emulator on
 * the other end through jSerialComm, every byte crossing the kernel's pty layer.
 */
class PtyPrinterStoriesTest {

  static final Path SCREENSHOTS =
      Path.of("").toAbsolutePath().getParent().resolve("docs/screenshots/paper");
  private static final Duration NO_HANG = Duration.ofSeconds(60);

  private SocatPtyPair pty;
  private EscPosEmulator emulator;
  private EscPosPrinter printer;

  private void connect(PrinterProfile profile) throws Exception {
    connect(profile, Duration.ofSeconds(2));
  }

  private void connect(PrinterProfile profile, Duration replyTimeout) throws Exception {
    pty = SocatPtyPair.start();
    emulator = EscPosEmulator.start(JSerialCommLink.open(pty.devicePath(), 115_200), profile);
    printer =
        new EscPosPrinter(JSerialCommLink.open(pty.hostPath(), 115_200), profile, replyTimeout);
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

  static Stream<Arguments> layouts() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (PrinterProfile p : PrinterProfile.known()) {
      b.add(
          Arguments.of(
              p, "paper-record-ru", PaperLayouts.paperRecord(SamplePapers.russianRecord())));
      b.add(
          Arguments.of(
              p,
              "paper-record-void-en",
              PaperLayouts.voidedPaperRecord(SamplePapers.englishRecord())));
      b.add(
          Arguments.of(
              p,
              "paper-record-void-ru",
              PaperLayouts.voidedPaperRecord(SamplePapers.russianRecord())));
      b.add(
          Arguments.of(
              p, "paper-record-kk", PaperLayouts.paperRecord(SamplePapers.kazakhRecord())));
      b.add(Arguments.of(p, "receipt-ru", PaperLayouts.receipt(SamplePapers.russianReceipt())));
      b.add(Arguments.of(p, "zero-report-ru", PaperLayouts.zeroReport(SamplePapers.zeroReport())));
      b.add(
          Arguments.of(
              p, "closing-report-en", PaperLayouts.closingReport(SamplePapers.closingReport())));
      b.add(Arguments.of(p, "test-page", PaperLayouts.testPage(SamplePapers.testPage())));
    }
    return b.build();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("layouts")
  void everyLayoutComesOutWithItsQrReadableAndCut(PrinterProfile profile, String name, Paper paper)
      throws Exception {
    connect(profile);
    PrintResult result = assertTimeoutPreemptively(NO_HANG, () -> printer.print(paper));

    assertThat(result).isInstanceOf(PrintResult.Printed.class);
    PrintedPaper printed = emulator.paper();
    assertThat(printed.errors()).isEmpty();
    if (profile.cutter()) {
      assertThat(printed.cuts()).isEqualTo(1);
    }
    List<String> sentQr =
        paper.blocks().stream()
            .filter(PaperBlock.QrCode.class::isInstance)
            .map(b -> ((PaperBlock.QrCode) b).payload())
            .toList();
    assertThat(QrReading.decodeAll(printed.image())).containsExactlyElementsOf(sentQr);
  }

  @Test
  void paperRecordQrReadBackFromThePngMatchesTheBallot() throws Exception {
    connect(PrinterProfile.EPSON_TM_T20);
    var content = SamplePapers.russianRecord();

    printer.print(PaperLayouts.paperRecord(content));

    List<String> read = QrReading.decodeAll(emulator.paper().image());
    assertThat(read).hasSize(1);
    PaperRecordQr qr = PaperRecordQr.decode(read.get(0));
    assertThat(qr).isEqualTo(PaperRecordQr.of(content, false));
    assertThat(qr.choices().get("referendum-1")).isEmpty();
    assertThat(emulator.paper().text())
        .contains("Мэр города", "Иванова Мария Петровна", "Нет выбора", "Кузнецова Ольга");
  }
}
