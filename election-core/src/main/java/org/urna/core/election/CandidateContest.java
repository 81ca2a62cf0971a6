package org.urna.core.election;

import java.util.List;

/** "Vote for up to {@code votesAllowed}" of the listed candidates (spec 3.2). */
public record CandidateContest(
    String id, LocalizedText title, int votesAllowed, List<Candidate> candidates)
    implements Contest {
  /** The value of the JSON {@code "type"} field. */
  public static final String TYPE = "candidate";

  public CandidateContest {
    Ids.check("id", id);
    Ids.required("title", title);
    candidates = Ids.list("candidates", candidates, ManifestLimits.MAX_SELECTIONS);
    if (votesAllowed < 1 || votesAllowed > candidates.size()) {
      throw new ManifestFieldException(
          "votesAllowed",
          "must be between 1 and "
              + candidates.size()
              + " (the number of candidates), not "
              + votesAllowed);
    }
    Ids.requireUnique("candidates", "id", candidates.stream().map(Candidate::id).toList());
  }

  @Override
  public int limit() {
    return votesAllowed;
  }

  @Override
  public List<String> selectionIds() {
    return candidates.stream().map(Candidate::id).toList();
  }

  /** A person or list standing in the contest; the description (party, occupation) is optional. */
  public record Candidate(String id, LocalizedText name, LocalizedText description) {
    public Candidate {
      Ids.check("id", id);
      Ids.required("name", name);
    }
  }
}
