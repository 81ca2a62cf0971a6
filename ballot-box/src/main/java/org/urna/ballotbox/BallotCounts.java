package org.urna.ballotbox;

/** How many ballots the box holds in each state. Only {@code cast} ballots are ever counted. */
public record BallotCounts(long cast, long challenged, long pending) {
  public BallotCounts {
    if (cast < 0 || challenged < 0 || pending < 0) {
      throw new IllegalArgumentException("counts are never negative");
    }
  }

  /** Ballots in the tracking-code chain (cast + challenged). */
  public long recorded() {
    return cast + challenged;
  }
}
