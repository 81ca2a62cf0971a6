package org.urna.core.election;

import java.util.List;

/**
 * A yes/no question (spec 3.2): two selections, {@value #YES} and {@value #NO}, limit 1, so a voter
 * may also leave it blank.
 */
public record ReferendumContest(
    String id, LocalizedText title, LocalizedText question, LocalizedText yes, LocalizedText no)
    implements Contest {
  /** The value of the JSON {@code "type"} field. */
  public static final String TYPE = "referendum";

  public static final String YES = "yes";
  public static final String NO = "no";

  public ReferendumContest {
    Ids.check("id", id);
    Ids.required("title", title);
    Ids.required("question", question);
    Ids.required("yes", yes);
    Ids.required("no", no);
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
