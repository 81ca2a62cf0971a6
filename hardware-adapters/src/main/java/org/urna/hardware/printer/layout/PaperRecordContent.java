package org.urna.hardware.printer.layout;

import java.util.List;

/**
 * What a paper record shows. Texts arrive in the voter's language.
 *
 * @param electionTitle the election's name
 * @param ballotId the ballot id (ASCII, e.g. 32 hex digits), printed and in the QR code
 * @param contests every contest of the ballot style, in ballot order
 * @param ballotIdLabel "Ballot" or its translation
 * @param noSelectionText "No selection" or its translation
 * @param checkHint a line asking the voter to check the paper
 * @param voidText "VOID" or its translation, for a challenged ballot
 */
public record PaperRecordContent(
    String electionTitle,
    String ballotId,
    List<ContestChoice> contests,
    String ballotIdLabel,
    String noSelectionText,
    String checkHint,
    String voidText) {

  public PaperRecordContent {
    electionTitle = Ids.text(electionTitle, "The election title");
    Ids.require(ballotId, "The ballot id");
    contests = List.copyOf(contests);
    if (contests.isEmpty()) {
      throw new IllegalArgumentException("A paper record needs at least one contest");
    }
    if (contests.stream().map(ContestChoice::contestId).distinct().count() != contests.size()) {
      throw new IllegalArgumentException("A contest appears twice on the paper record");
    }
    ballotIdLabel = Ids.text(ballotIdLabel, "The ballot label");
    noSelectionText = Ids.text(noSelectionText, "The no-selection text");
    checkHint = Ids.text(checkHint, "The check hint");
    voidText = Ids.text(voidText, "The void text");
  }
}
