package org.urna.kiosk.paper;

/** What came of a print job: printing returns a value, it does not throw. */
public sealed interface PrintOutcome {
  record Printed() implements PrintOutcome {}

  record Failed(PrinterFault fault) implements PrintOutcome {}
}
