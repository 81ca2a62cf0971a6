package org.urna.core.election;

import java.time.Instant;

/** When ballots may be cast: {@code opens <= t < closes} (spec 3.5). */
public record VotingWindow(Instant opens, Instant closes) {
  public VotingWindow {
    if (opens == null || closes == null) {
      throw new IllegalArgumentException("votingWindow: opens and closes are required");
    }
    if (!opens.isBefore(closes)) {
      throw new IllegalArgumentException("votingWindow: opens must be before closes");
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(opens) && t.isBefore(closes);
  }

  /** True when any moment of the hour starting at {@code epochHour} lies inside the window. */
  public boolean containsHour(long epochHour) {
    long start = epochHour * 3600;
    long end = start + 3600;
    return start < closes.getEpochSecond() && end > opens.getEpochSecond();
  }
}
