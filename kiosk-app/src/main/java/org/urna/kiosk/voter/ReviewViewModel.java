package org.urna.kiosk.voter;

import java.util.ArrayList;
import java.util.List;

/** All contests with the choices made; an undervote carries a warning. */
public record ReviewViewModel(
    String title, String body, List<Row> rows, String backLabel, String printLabel)
    implements VoterScreen {
  public ReviewViewModel {
    rows = List.copyOf(rows);
  }

  /** One contest: tap to change it. {@code warning} is empty when the contest is fully marked. */
  public record Row(
      String contestId, String title, List<String> chosen, String warning, String changeLabel) {
    public Row {
      chosen = List.copyOf(chosen);
    }

    public boolean undervoted() {
      return !warning.isEmpty();
    }
  }

  @Override
  public List<String> spokenText() {
    List<String> out = new ArrayList<>(List.of(title, body));
    for (Row r : rows) {
      out.add(r.title());
      out.addAll(r.chosen());
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
