package org.urna.kiosk.station;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;

/**
 * The voter's marks on one ballot, in memory only, with the overvote rule: a contest never holds
 * more selections than its limit. Cleared when the session ends; never logged (toString hides).
 */
public final class BallotMarks {
  private final BallotStyle style;
  private final List<Contest> contests;
  private final Map<String, Set<String>> marks = new LinkedHashMap<>();

  /** What a tap on a selection did. */
  public sealed interface Tap {
    record Marked() implements Tap {}

    record Unmarked() implements Tap {}

    /** Refused: the contest already holds {@code limit} marks. */
    record OverLimit(int limit) implements Tap {}
  }

  public BallotMarks(ElectionManifest manifest, String ballotStyleId) {
    this.style =
        manifest
            .ballotStyle(ballotStyleId)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown ballot style " + ballotStyleId));
    this.contests = manifest.contestsOf(style);
    for (Contest c : contests) {
      marks.put(c.id(), new LinkedHashSet<>());
    }
  }

  public List<Contest> contests() {
    return contests;
  }

  public String ballotStyleId() {
    return style.id();
  }

  public Tap tap(String contestId, String selectionId) {
    Contest c = contest(contestId);
    if (!c.selectionIds().contains(selectionId)) {
      throw new IllegalArgumentException("no selection " + selectionId + " in " + contestId);
    }
    Set<String> m = marks.get(contestId);
    if (m.remove(selectionId)) {
      return new Tap.Unmarked();
    }
    if (m.size() >= c.limit()) {
      return new Tap.OverLimit(c.limit());
    }
    m.add(selectionId);
    return new Tap.Marked();
  }

  /** The chosen selection ids of a contest, in ballot order. */
  public List<String> chosen(String contestId) {
    Contest c = contest(contestId);
    List<String> out = new ArrayList<>();
    for (String sid : c.selectionIds()) {
      if (marks.get(contestId).contains(sid)) {
        out.add(sid);
      }
    }
    return out;
  }

  public boolean isMarked(String contestId, String selectionId) {
    return marks.get(contestId).contains(selectionId);
  }

  public PlaintextBallot plaintext() {
    return new PlaintextBallot(style.id(), marks);
  }

  /** Forgets every mark. */
  public void clear() {
    marks.values().forEach(Set::clear);
  }

  private Contest contest(String id) {
    for (Contest c : contests) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("contest " + id + " is not on ballot style " + style.id());
  }

  @Override
  public String toString() {
    return "BallotMarks[" + style.id() + ", marks hidden]";
  }
}
