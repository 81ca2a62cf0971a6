package org.urna.kiosk.voter;

import java.util.ArrayList;
import java.util.List;

/**
 * The waiting screen: polls closed, or waiting for a poll worker to activate the next voter. The
 * title and body are in the station's current language; {@code otherLanguages} carries the same
 * greeting in every other language of the election (title, then body), since nobody has chosen a
 * language yet.
 */
public record WaitingViewModel(
    String title, String body, boolean pollsOpen, List<String> otherLanguages)
    implements VoterScreen {
  public WaitingViewModel {
    otherLanguages = List.copyOf(otherLanguages);
  }

  @Override
  public List<String> spokenText() {
    List<String> out = new ArrayList<>(List.of(title, body));
    out.addAll(otherLanguages);
    return out;
  }
}
