package org.urna.kiosk.voter;

import java.util.List;

/** The waiting screen: polls closed, or waiting for a poll worker to activate the next voter. */
public record WaitingViewModel(String title, String body, boolean pollsOpen)
    implements VoterScreen {
  @Override
  public List<String> spokenText() {
    return List.of(title, body);
  }
}
