package org.urna.kiosk.operator;

import javafx.scene.Parent;

/**
 * The screens of one role, opened by the operator shell after a card and its PIN were accepted:
 * poll-worker mode, service mode (technician), the election manager's card screens. Called on the
 * FX thread.
 */
public interface OperatorMode {
  /** Builds this mode's screens for the operator who just signed in. */
  Parent open(OperatorContext context);

  /**
   * The operator's session ended (card taken out, time-out, sign-out): drop anything held for them.
   * The shell shows the public screen again.
   */
  default void closed() {}
}
