package org.urna.kiosk.voter;

import java.util.ArrayList;
import java.util.List;

/**
 * Asked before a ballot with no choice at all is printed: says so, names every empty contest, and
 * offers to print it blank or to go back and choose.
 */
public record BlankBallotViewModel(
    String title, String body, List<String> emptyContests, String printLabel, String backLabel)
    implements VoterScreen {
  public BlankBallotViewModel {
    emptyContests = List.copyOf(emptyContests);
  }

  @Override
  public List<String> spokenText() {
    List<String> out = new ArrayList<>(List.of(title, body));
    out.addAll(emptyContests);
    out.add(backLabel);
    out.add(printLabel);
    return out;
  }
}
