package org.urna.core.ballot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;

/**
 * A voter's choices, in memory only (spec 5.2): for each contest of the ballot style, the selected
 * selection ids (none is an undervote). Never stored, never logged: toString hides the choices.
 */
public record PlaintextBallot(String ballotStyleId, Map<String, Set<String>> choices) {
  public PlaintextBallot {
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    choices.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    choices = java.util.Collections.unmodifiableMap(copy);
  }

  /** The selections chosen in one contest (empty when none). */
  public Set<String> chosen(String contestId) {
    return choices.getOrDefault(contestId, Set.of());
  }

  /** 1 when the selection is chosen, else 0. */
  public int value(String contestId, String selectionId) {
    return chosen(contestId).contains(selectionId) ? 1 : 0;
  }

  /**
   * Checks the ballot against the manifest: known style, only its contests, known selections, no
   * contest over its limit (an overvote cannot be encrypted with a valid proof anyway).
   */
  public void validate(ElectionManifest manifest) {
    BallotStyle style =
        manifest
            .ballotStyle(ballotStyleId)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown ballot style " + ballotStyleId));
    List<Contest> contests = manifest.contestsOf(style);
    for (String cid : choices.keySet()) {
      if (!style.contestIds().contains(cid)) {
        throw new IllegalArgumentException(
            "contest " + cid + " is not on ballot style " + ballotStyleId);
      }
    }
    for (Contest c : contests) {
      Set<String> chosen = chosen(c.id());
      if (!c.selectionIds().containsAll(chosen)) {
        throw new IllegalArgumentException("unknown selection in contest " + c.id());
      }
      if (chosen.size() > c.limit()) {
        throw new IllegalArgumentException(
            "contest " + c.id() + " allows at most " + c.limit() + " selections");
      }
    }
  }

  @Override
  public String toString() {
    return "PlaintextBallot[" + ballotStyleId + ", choices hidden]";
  }
}
