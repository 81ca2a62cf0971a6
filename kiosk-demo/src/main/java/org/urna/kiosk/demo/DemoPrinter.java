package org.urna.kiosk.demo;

import java.util.function.BiConsumer;
import org.urna.hardware.printer.Paper;
import org.urna.hardware.printer.PrintResult;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.PrinterStatus;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.hardware.printer.emulator.PrintedPaper;

/**
 * The station's printer in the demo: the in-process ESC/POS emulator the configuration names, whose
 * paper is torn off after each print and handed to the demo's panel (the real driver's bytes,
 * rendered). The station prints through it as through any printer.
 */
final class DemoPrinter implements ReceiptPrinter {
  private final InProcessPrinter device;
  private final BiConsumer<String, PrintedPaper> torn;

  /**
   * @param torn gets each printed paper's name and what the emulator printed, on the printing
   *     thread
   */
  DemoPrinter(InProcessPrinter device, BiConsumer<String, PrintedPaper> torn) {
    this.device = device;
    this.torn = torn;
  }

  InProcessPrinter device() {
    return device;
  }

  @Override
  public PrinterProfile profile() {
    return device.profile();
  }

  @Override
  public PrinterStatus status() {
    return device.status();
  }

  @Override
  public PrintResult print(Paper paper) {
    PrintResult r = device.print(paper);
    var printed = device.emulator().tearOff();
    if (!printed.textLines().isEmpty() || printed.rasterImages() > 0) {
      torn.accept(paper.name(), printed);
    }
    return r;
  }

  @Override
  public void close() {
    device.close();
  }
}
