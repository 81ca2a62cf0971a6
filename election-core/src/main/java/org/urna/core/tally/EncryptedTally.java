package org.urna.core.tally;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.EncryptedContest;
import org.urna.core.ballot.EncryptedSelection;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;

/**
 * The homomorphic sum of every cast ballot, per selection (spec 8.1). Challenged ballots are never
 * added. A selection on no cast ballot has no ciphertext: its total is 0 by definition.
 */
public final class EncryptedTally {
  private final Map<String, Map<String, ElGamalCiphertext>> sums = new LinkedHashMap<>();
  private long castBallots;

  public EncryptedTally(ElectionManifest manifest) {
    for (Contest c : manifest.contests()) {
      Map<String, ElGamalCiphertext> m = new LinkedHashMap<>();
      sums.put(c.id(), m);
    }
  }

  /** Adds a cast ballot; a challenged ballot is ignored. */
  public void add(RecordedBallot recorded) {
    if (recorded.state() != BallotState.CAST) {
      return;
    }
    castBallots++;
    for (EncryptedContest c : recorded.ballot().contests()) {
      Map<String, ElGamalCiphertext> m = sums.get(c.contestId());
      for (EncryptedSelection s : c.selections()) {
        m.merge(s.selectionId(), s.ciphertext(), ElGamalCiphertext::add);
      }
    }
  }

  /**
   * Adds another tally of the same manifest (a part of the ballots summed on another thread); the
   * sum does not depend on the order in which parts are added.
   */
  public void addAll(EncryptedTally other) {
    castBallots += other.castBallots;
    other.sums.forEach(
        (contest, m) -> {
          Map<String, ElGamalCiphertext> mine = sums.get(contest);
          if (mine == null) {
            throw new IllegalArgumentException("a tally of another manifest: contest " + contest);
          }
          m.forEach((selection, ct) -> mine.merge(selection, ct, ElGamalCiphertext::add));
        });
  }

  public long castBallots() {
    return castBallots;
  }

  /** The encrypted total of one selection, empty when no cast ballot carried it. */
  public Optional<ElGamalCiphertext> sum(String contestId, String selectionId) {
    return Optional.ofNullable(sums.getOrDefault(contestId, Map.of()).get(selectionId))
        .map(ElGamalCiphertext::normalize);
  }

  public Map<String, Map<String, ElGamalCiphertext>> sums() {
    return Collections.unmodifiableMap(sums);
  }
}
