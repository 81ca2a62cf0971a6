package org.urna.hardware.printer.escpos;

import org.urna.hardware.printer.Paper;
import org.urna.hardware.printer.PrintResult;
import org.urna.hardware.printer.PrinterFault;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.PrinterStatus;
import org.urna.hardware.printer.ReceiptPrinter;

/** The printer whose port could not be opened: always disconnected, never prints. */
record UnreachablePrinter(PrinterProfile profile) implements ReceiptPrinter {

  @Override
  public PrinterStatus status() {
    return PrinterStatus.of(PrinterFault.DISCONNECTED);
  }

  @Override
  public PrintResult print(Paper paper) {
    return new PrintResult.NotStarted(PrinterFault.DISCONNECTED, status());
  }

  @Override
  public void close() {}
}
