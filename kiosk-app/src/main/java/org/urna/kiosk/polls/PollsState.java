package org.urna.kiosk.polls;

/**
 * Where the polls of this station stand. {@link #CLOSED} is final for its election: nothing can be
 * cast on that election again, also after a restart or a reload of the same package.
 */
public enum PollsState {
  NO_ELECTION,
  LOADED,
  OPEN,
  PAUSED,
  CLOSED
}
