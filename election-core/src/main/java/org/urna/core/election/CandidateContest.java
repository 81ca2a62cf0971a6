package org.urna.core.election;

import java.util.List;

/** "Vote for up to {@code votesAllowed}" of the listed candidates (spec 3.2). */
public record CandidateContest(
    String id, LocalizedText title, int votesAllowed, List<Candidate> candidates)
    implements Contest {
  public CandidateContest {
    Ids.check("contest id", id);
    if (title == null) {
      throw new IllegalArgumentException("contest " + id + ": title is missing");
    }
    if (candidates == null || candidates.isEmpty()) {
      throw new IllegalArgumentException("contest " + id + ": candidates are missing");
    }
    candidates = List.copyOf(candidates);
    if (votesAllowed < 1 || votesAllowed > candidates.size()) {
      throw new IllegalArgumentException(
          "contest " + id + ": votesAllowed must be between 1 and the number of candidates");
    }
    Ids.requireUnique("contest " + id + " candidate", candidates.stream().map(Candidate::id));
  }

  @Override
  public int limit() {
    return votesAllowed;
  }

  @Override
  public List<String> selectionIds() {
    return candidates.stream().map(Candidate::id).toList();
  }

  /** A person or list standing in the contest. */
  public record Candidate(String id, LocalizedText name, LocalizedText description) {
    public Candidate {
      Ids.check("candidate id", id);
      if (name == null) {
        throw new IllegalArgumentException("candidate " + id + ": name is missing");
      }
    }
  }
}
