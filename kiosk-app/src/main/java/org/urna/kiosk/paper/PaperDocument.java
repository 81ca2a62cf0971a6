package org.urna.kiosk.paper;

import org.urna.hardware.printer.layout.PaperRecordContent;
import org.urna.hardware.printer.layout.ReceiptContent;

/**
 * One thing the kiosk prints, already in the voter's language: the paper record before the
 * decision, the voided paper record with the challenged ballot's tracking code after a challenge,
 * the take-home receipt after a cast. The printer's layouts (hardware-adapters) put them on paper.
 */
public sealed interface PaperDocument {

  /** Short name of the document kind, for logs, file names and the demo's paper panel. */
  String kind();

  /** The voter-verified paper record: choices in words and a QR code of ballot id and choices. */
  record PaperRecord(PaperRecordContent content) implements PaperDocument {
    @Override
    public String kind() {
      return "paper-record";
    }
  }

  /**
   * After a challenge: the paper record again, marked VOID, and a slip with the challenged ballot's
   * tracking code so the voter can check it on the ledger.
   */
  record VoidedRecord(PaperRecordContent content, ReceiptContent challengedSlip)
      implements PaperDocument {
    @Override
    public String kind() {
      return "void";
    }
  }

  /** The take-home receipt: the tracking code grouped for reading aloud, a lookup QR code. */
  record Receipt(ReceiptContent content) implements PaperDocument {
    @Override
    public String kind() {
      return "receipt";
    }
  }
}
