package org.urna.kiosk.paper;

import java.util.List;

/**
 * One thing the kiosk prints, already in words (the voter's language) and codes: the paper record
 * before the decision, the VOID mark after a challenge, the take-home receipt after a cast.
 */
public sealed interface PaperDocument {

  /** Short name of the document kind, for file names and the demo's paper panel. */
  String kind();

  /**
   * The paper record: the choices in words, the ballot id, and a QR code of the ballot id and the
   * choices (ASCII, see {@link PaperRecordCode}).
   */
  record PaperRecord(
      String heading,
      String electionTitle,
      List<ContestLines> contests,
      String ballotLine,
      String qrPayload)
      implements PaperDocument {
    public PaperRecord {
      contests = List.copyOf(contests);
    }

    @Override
    public String kind() {
      return "paper-record";
    }
  }

  /** One contest on the paper record: its title and the chosen names (or the "none" text). */
  record ContestLines(String title, List<String> chosen) {
    public ContestLines {
      chosen = List.copyOf(chosen);
    }
  }

  /** Printed under the paper record when the voter challenges: the paper is void. */
  record VoidMark(
      String voidLine,
      String ballotLine,
      String codeLabel,
      String trackingCode,
      String lookupLabel,
      String lookupUrl)
      implements PaperDocument {
    @Override
    public String kind() {
      return "void";
    }
  }

  /** The take-home receipt: the tracking code grouped for reading aloud, a QR of the lookup URL. */
  record Receipt(
      String heading,
      String electionTitle,
      String codeLabel,
      String trackingCode,
      String lookupLabel,
      String lookupUrl)
      implements PaperDocument {
    @Override
    public String kind() {
      return "receipt";
    }
  }
}
