package org.urna.core.election;

import java.util.List;

/**
 * A yes/no question (spec 3.2): two selections, {@value #YES} and {@value #NO}, limit 1, so a voter
 * may also leave it blank.
 */
public record ReferendumContest(
    String id, LocalizedText title, LocalizedText question, LocalizedText yes, LocalizedText no)
    implements Contest {
  public static final String YES = "yes";
  public static final String NO = "no";

  public ReferendumContest {
    Ids.check("contest id", id);
    if (title == null || question == null || yes == null || no == null) {
      throw new IllegalArgumentException(
          "referendum " + id + ": title, question, yes and no texts are required");
    }
  }

  @Override
  public int limit() {
    return 1;
  }

  @Override
  public List<String> selectionIds() {
    return List.of(YES, NO);
  }
}
