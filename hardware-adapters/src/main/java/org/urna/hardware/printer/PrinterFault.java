package org.urna.hardware.printer;

/**
 * What stops or threatens a print, in terms a poll worker can act on. Faults are values: the
 * printer API returns them, it never throws them.
 */
public enum PrinterFault {
  PAPER_OUT(true, "The printer is out of paper. Load a new paper roll and close the cover."),
  PAPER_NEAR_END(false, "The paper roll is nearly used up. Have a new roll ready."),
  COVER_OPEN(true, "The printer cover is open. Close it firmly."),
  OFFLINE(
      true, "The printer is offline. Wait a few seconds; if it stays offline, call a technician."),
  CUTTER_ERROR(true, "The paper cutter is stuck. Open the cover, clear the paper, close it."),
  UNRECOVERABLE_ERROR(true, "The printer reports an internal error. Switch it off and on again."),
  NO_ANSWER(true, "The printer does not answer. Check that it is switched on and its cable is in."),
  DISCONNECTED(true, "The printer is not connected. Check its cable, then restart printing."),
  GARBLED_REPLY(true, "The printer sent an unreadable answer. Printing was stopped; try again.");

  private final boolean blocksPrinting;
  private final String advice;

  PrinterFault(boolean blocksPrinting, String advice) {
    this.blocksPrinting = blocksPrinting;
    this.advice = advice;
  }

  /** Whether printing must not start (or must stop) while this fault holds. */
  public boolean blocksPrinting() {
    return blocksPrinting;
  }

  /** One sentence telling the poll worker what to do (English; the kiosk localizes by name). */
  public String advice() {
    return advice;
  }
}
