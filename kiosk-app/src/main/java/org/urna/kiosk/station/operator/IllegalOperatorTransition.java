package org.urna.kiosk.station.operator;

/** An event the operator session's current state does not take (a bug, or a stale tap). */
public final class IllegalOperatorTransition extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IllegalOperatorTransition(OperatorState state, OperatorEvent event) {
    super(
        "the operator session cannot take "
            + event.getClass().getSimpleName()
            + " while "
            + state.getClass().getSimpleName());
  }
}
