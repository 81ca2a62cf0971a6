package org.urna.core.election;

import java.util.List;

/** Which contests a voter of one district sees, in order (spec 3.3). */
public record BallotStyle(String id, LocalizedText name, List<String> contestIds) {
  public BallotStyle {
    Ids.check("ballot style id", id);
    if (contestIds == null || contestIds.isEmpty()) {
      throw new IllegalArgumentException("ballot style " + id + ": contestIds are missing");
    }
    contestIds = List.copyOf(contestIds);
    Ids.requireUnique("ballot style " + id + " contest", contestIds.stream());
  }
}
