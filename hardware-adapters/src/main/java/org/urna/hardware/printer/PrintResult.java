package org.urna.hardware.printer;

/**
 * What became of a print: printing never throws, it answers with one of these.
 *
 * <ul>
 *   <li>{@link Printed}: the whole paper came out and was cut.
 *   <li>{@link NotStarted}: the status check before printing found a fault; no paper was used.
 *   <li>{@link Interrupted}: a fault arrived while printing; whatever came out is incomplete and
 *       must be treated as void, and the paper printed again once the fault is cleared.
 * </ul>
 */
public sealed interface PrintResult {

  /** The printer's status when the result was decided. */
  PrinterStatus status();

  /** Bytes written to the printer for this print. */
  long bytesSent();

  record Printed(PrinterStatus status, long bytesSent) implements PrintResult {
    public Printed {
      java.util.Objects.requireNonNull(status, "status");
    }
  }

  record NotStarted(PrinterFault fault, PrinterStatus status) implements PrintResult {
    public NotStarted {
      java.util.Objects.requireNonNull(fault, "fault");
      java.util.Objects.requireNonNull(status, "status");
    }

    @Override
    public long bytesSent() {
      return 0;
    }
  }

  record Interrupted(PrinterFault fault, PrinterStatus status, long bytesSent)
      implements PrintResult {
    public Interrupted {
      java.util.Objects.requireNonNull(fault, "fault");
      java.util.Objects.requireNonNull(status, "status");
    }
  }
}
