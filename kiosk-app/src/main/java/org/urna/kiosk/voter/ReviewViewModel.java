package org.urna.kiosk.voter;

import java.util.ArrayList;
import java.util.List;

/**
 * All contests with the choices made; an undervote carries a warning. {@code anchor} is the row
 * whose page shows; {@code focusContest} the row that takes the focus (the contest just edited).
 */
public record ReviewViewModel(
    String title,
    String body,
    List<Row> rows,
    String backLabel,
    String printLabel,
    int anchor,
    String focusContest,
    PageWords paging)
    implements VoterScreen {
  public ReviewViewModel {
    rows = List.copyOf(rows);
  }

  /** One contest: tap to change it. {@code warning} is empty when the contest is fully marked. */
  public record Row(
      String contestId, String title, List<Chosen> chosen, String warning, String changeLabel) {
    public Row {
      chosen = List.copyOf(chosen);
    }

    public boolean undervoted() {
      return !warning.isEmpty();
    }
  }

  /**
   * A chosen selection, with the candidate's party (or other description) when the manifest has
   * one.
   */
  public record Chosen(String name, String party) {}

  @Override
  public List<String> spokenText() {
    List<String> out = new ArrayList<>(List.of(title, body));
    for (Row r : rows) {
      out.add(r.title());
      for (Chosen c : r.chosen()) {
        out.add(c.party().isEmpty() ? c.name() : c.name() + ", " + c.party());
      }
      if (r.undervoted()) {
        out.add(r.warning());
      }
      out.add(r.changeLabel());
    }
    out.add(backLabel);
    out.add(printLabel);
    return out;
  }
}
