package org.urna.kiosk.voter;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper-record screens: printing, check and decide, recording, and the faults a poll worker
 * must clear. {@code busy} shows the progress indicator.
 */
public record PaperViewModel(
    Stage stage, String title, String body, String detail, boolean busy, List<Action> actions)
    implements VoterScreen {
  public PaperViewModel {
    actions = List.copyOf(actions);
  }

  public enum Stage {
    PRINTING,
    CHECK,
    RECORDING,
    PRINTER_FAULT,
    STATION_FAULT
  }

  /** A button: id for the view and tests, label, hint under it (may be empty). */
  /**
   * One button. A {@code locked} button is a poll worker's: it is shown disabled until a poll
   * worker has signed in with card and PIN ({@link KioskViewModel#pollWorkerPresent()}).
   */
  public record Action(String id, String label, String hint, boolean locked) {
    public Action(String id, String label, String hint) {
      this(id, label, hint, false);
    }
  }

  @Override
  public List<String> spokenText() {
    List<String> out = new ArrayList<>(List.of(title, body));
    if (!detail.isEmpty()) {
      out.add(detail);
    }
    for (Action a : actions) {
      out.add(a.label());
      if (!a.hint().isEmpty()) {
        out.add(a.hint());
      }
    }
    return out;
  }
}
