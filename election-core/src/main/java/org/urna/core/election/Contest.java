package org.urna.core.election;

import java.util.List;

/**
 * One contest of the ballot (spec 3.2). Encryption sees only its id, its ordered selection ids and
 * its limit: every selection encrypts 0 or 1, and the selections of a contest sum to at most the
 * limit.
 */
public sealed interface Contest permits CandidateContest, ReferendumContest {
  String id();

  LocalizedText title();

  /** The most selections a voter may mark. */
  int limit();

  /** The selection ids in ballot order. */
  List<String> selectionIds();
}
