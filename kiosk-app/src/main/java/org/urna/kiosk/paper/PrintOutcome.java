package org.urna.kiosk.paper;

import org.urna.hardware.printer.PrinterFault;

/** What came of a print job: printing returns a value, it does not throw. */
public sealed interface PrintOutcome {
  record Printed() implements PrintOutcome {}

  /** Nothing, or only part, came out: treat any paper as void. */
  record Failed(PrinterFault fault) implements PrintOutcome {}
}
