package org.urna.kiosk.station;

/** An event that the station's current state does not accept (a bug, or a stale tap). */
public final class IllegalTransition extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IllegalTransition(StationState state, StationEvent event) {
    super(
        "the station cannot take "
            + event.getClass().getSimpleName()
            + " while "
            + state.getClass().getSimpleName());
  }
}
