package org.urna.core.election;

import java.time.Instant;

/**
 * When ballots may be cast: {@code opens <= t < closes} (spec 3.5). Whole seconds, so that the JSON
 * form {@code 2026-09-20T05:00:00Z} is unique.
 */
public record VotingWindow(Instant opens, Instant closes) {
  public VotingWindow {
    Ids.required("opens", opens);
    Ids.required("closes", closes);
    if (opens.getNano() != 0) {
      throw new ManifestFieldException("opens", "must be a whole second");
    }
    if (closes.getNano() != 0) {
      throw new ManifestFieldException("closes", "must be a whole second");
    }
    if (!opens.isBefore(closes)) {
      throw new ManifestFieldException(
          "closes", "must be after opens (" + opens + "), not " + closes);
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
