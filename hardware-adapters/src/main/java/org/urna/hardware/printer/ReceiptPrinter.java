package org.urna.hardware.printer;

/**
 * A receipt printer as the kiosk sees it. Calls block (run them off the UI thread) for a bounded
 * time and never throw for a device fault: faults come back as values.
 */
public interface ReceiptPrinter extends AutoCloseable {

  /** The model this printer is driven as. */
  PrinterProfile profile();

  /** Asks the printer for its state now. */
  PrinterStatus status();

  /** Checks the status, then prints the paper and cuts it. */
  PrintResult print(Paper paper);

  /** Releases the port. Never throws. */
  @Override
  void close();
}
