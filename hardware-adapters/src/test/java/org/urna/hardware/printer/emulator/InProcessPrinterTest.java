package org.urna.hardware.printer.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.urna.hardware.printer.PrintResult;
import org.urna.hardware.printer.PrinterFault;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.QrReading;
import org.urna.hardware.printer.SamplePapers;
import org.urna.hardware.printer.layout.PaperLayouts;

/** The demo's printer: real driver, in-process link, emulator. */
class InProcessPrinterTest {

  @Test
  void demoPrinterPrintsAReceiptWhoseQrCarriesTheLookupAddress() {
    try (InProcessPrinter printer = InProcessPrinter.start(PrinterProfile.STAR_TSP100_ESCPOS)) {
      var receipt = SamplePapers.russianReceipt();

      PrintResult result = printer.print(PaperLayouts.receipt(receipt));

      assertThat(result).isInstanceOf(PrintResult.Printed.class);
      assertThat(QrReading.decodeAll(printer.emulator().paper().image()))
          .containsExactly("https://ledger.example.org/lookup?code=" + SamplePapers.TRACKING_CODE);
      assertThat(printer.emulator().paper().text()).contains("K7QX 2M9P LR4T");
    }
  }

  @Test
  void demoPrinterReportsFaultsAsValues() {
    try (InProcessPrinter printer =
        InProcessPrinter.start(PrinterProfile.GENERIC_58MM, Duration.ofMillis(300))) {
      printer.emulator().setCoverOpen(true);
      assertThat(printer.status().faults()).containsExactly(PrinterFault.COVER_OPEN);
      printer.emulator().setCoverOpen(false);
      printer.emulator().setSilent(true);
      assertThat(printer.status().faults()).containsExactly(PrinterFault.NO_ANSWER);
    }
  }

  @Test
  void closedPrinterIsDisconnected() {
    InProcessPrinter printer = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20);
    printer.close();
    assertThat(printer.status().faults()).containsExactly(PrinterFault.DISCONNECTED);
  }
}
