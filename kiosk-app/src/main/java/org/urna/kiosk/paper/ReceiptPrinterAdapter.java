package org.urna.kiosk.paper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.hardware.printer.PrintResult;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.hardware.printer.layout.PaperLayouts;

/**
 * The kiosk's printer port on a real {@link ReceiptPrinter} (an ESC/POS printer on a serial port,
 * or the in-process emulator of the demo): lays each document out with {@link PaperLayouts} and
 * turns the printer's result into a {@link PrintOutcome}. An interrupted print is a failure: the
 * paper that came out is incomplete.
 */
public final class ReceiptPrinterAdapter implements PaperPrinter {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiptPrinterAdapter.class);
  private final ReceiptPrinter printer;

  public ReceiptPrinterAdapter(ReceiptPrinter printer) {
    this.printer = printer;
  }

  @Override
  public PrintOutcome print(PaperDocument document) {
    return switch (document) {
      case PaperDocument.PaperRecord r ->
          outcome(printer.print(PaperLayouts.paperRecord(r.content())));
      case PaperDocument.Receipt r -> outcome(printer.print(PaperLayouts.receipt(r.content())));
      case PaperDocument.VoidedRecord v -> {
        PrintOutcome voided = outcome(printer.print(PaperLayouts.voidedPaperRecord(v.content())));
        yield voided instanceof PrintOutcome.Failed
            ? voided
            : outcome(printer.print(PaperLayouts.receipt(v.challengedSlip())));
      }
    };
  }

  private static PrintOutcome outcome(PrintResult result) {
    return switch (result) {
      case PrintResult.Printed p -> new PrintOutcome.Printed();
      case PrintResult.NotStarted(var fault, var status) -> {
        LOG.warn("printer refused to start: {}", fault);
        yield new PrintOutcome.Failed(fault);
      }
      case PrintResult.Interrupted(var fault, var status, var bytes) -> {
        LOG.warn("printing interrupted after {} bytes: {}", bytes, fault);
        yield new PrintOutcome.Failed(fault);
      }
    };
  }
}
