package org.urna.kiosk.paper;

/**
 * The kiosk's view of its printer. Called on the kiosk's worker thread, never the FX thread. The
 * real ESC/POS printer (hardware-adapters) and the simulator both sit behind it.
 */
public interface PaperPrinter {
  /** Prints the document; a fault is returned, not thrown. */
  PrintOutcome print(PaperDocument document);
}
