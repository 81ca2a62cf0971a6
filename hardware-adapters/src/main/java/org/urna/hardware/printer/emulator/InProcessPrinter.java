package org.urna.hardware.printer.emulator;

import java.time.Duration;
import org.urna.hardware.printer.Paper;
import org.urna.hardware.printer.PrintResult;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.PrinterStatus;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.hardware.printer.escpos.EscPosPrinter;
import org.urna.hardware.printer.serial.LoopbackLink;

/**
 * The demo's printer: the real ESC/POS driver talking over an in-process byte link to the emulator,
 * so the kiosk runs on a laptop with no printer and still exercises every byte of the driver.
 * {@link #emulator()} shows the paper and lets a demo or test cause faults.
 */
public final class InProcessPrinter implements ReceiptPrinter {

  private final EscPosPrinter driver;
  private final EscPosEmulator emulator;

  private InProcessPrinter(EscPosPrinter driver, EscPosEmulator emulator) {
    this.driver = driver;
    this.emulator = emulator;
  }

  public static InProcessPrinter start(PrinterProfile profile) {
    return start(profile, Duration.ofSeconds(2));
  }

  /** With a shorter reply time-out, for tests of a silent printer. */
  public static InProcessPrinter start(PrinterProfile profile, Duration replyTimeout) {
    LoopbackLink[] ends = LoopbackLink.pair();
    EscPosEmulator emulator = EscPosEmulator.start(ends[1], profile);
    return new InProcessPrinter(new EscPosPrinter(ends[0], profile, replyTimeout), emulator);
  }

  public EscPosEmulator emulator() {
    return emulator;
  }

  @Override
  public PrinterProfile profile() {
    return driver.profile();
  }

  @Override
  public PrinterStatus status() {
    return driver.status();
  }

  @Override
  public PrintResult print(Paper paper) {
    return driver.print(paper);
  }

  @Override
  public void close() {
    driver.close();
    emulator.close();
  }
}
