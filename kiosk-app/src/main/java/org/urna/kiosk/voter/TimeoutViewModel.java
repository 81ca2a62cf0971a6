package org.urna.kiosk.voter;

import java.util.List;

/** The inactivity warning over the current screen, with its countdown. */
public record TimeoutViewModel(String title, String body, String stayLabel) {
  public List<String> spokenText() {
    return List.of(title, body, stayLabel);
  }
}
