package org.urna.core.election;

import java.util.List;

/** Which contests a voter of one district sees, in order (spec 3.3). */
public record BallotStyle(String id, LocalizedText name, List<String> contestIds) {
  public BallotStyle {
    Ids.check("id", id);
    Ids.required("name", name);
    contestIds = Ids.list("contestIds", contestIds, ManifestLimits.MAX_CONTESTS);
    for (int i = 0; i < contestIds.size(); i++) {
      Ids.check("contestIds[" + i + "]", contestIds.get(i));
    }
    Ids.requireUnique("contestIds", "", contestIds);
  }
}
