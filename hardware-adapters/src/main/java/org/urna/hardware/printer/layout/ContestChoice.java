package org.urna.hardware.printer.layout;

import java.util.List;

/**
 * One contest on a paper record and what the voter chose in it (nothing, for an undervote).
 *
 * @param contestId the manifest's id, printed in the QR code
 * @param title the contest's title in the voter's language
 */
public record ContestChoice(String contestId, String title, List<Selection> selections) {
  public ContestChoice {
    Ids.require(contestId, "A contest id");
    title = Ids.text(title, "A contest title");
    selections = List.copyOf(selections);
    if (selections.stream().map(Selection::selectionId).distinct().count() != selections.size()) {
      throw new IllegalArgumentException("A selection appears twice in contest " + contestId);
    }
  }
}
