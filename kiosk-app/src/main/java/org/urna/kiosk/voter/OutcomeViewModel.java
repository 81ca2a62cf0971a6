package org.urna.kiosk.voter;

import java.util.List;

/** After the decision: cast (receipt) or challenged (VOID slip, vote again). */
public record OutcomeViewModel(
    boolean cast, String title, String body, String codeLine, String actionId, String actionLabel)
    implements VoterScreen {
  @Override
  public List<String> spokenText() {
    return List.of(title, codeLine, body, actionLabel);
  }
}
