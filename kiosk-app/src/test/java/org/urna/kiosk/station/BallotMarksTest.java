package org.urna.kiosk.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.urna.kiosk.demo.DemoElection;

class BallotMarksTest {
  private static final DemoElection ELECTION = new DemoElection();

  @Test
  void theTapOverTheLimitIsRefusedAndNamesTheLimit() {
    BallotMarks m = new BallotMarks(ELECTION.manifest, DemoElection.FULL_STYLE);
    m.tap("council", "council-1");
    m.tap("council", "council-2");
    m.tap("council", "council-3");
    assertThat(m.tap("council", "council-4")).isEqualTo(new BallotMarks.Tap.OverLimit(3));
    assertThat(m.chosen("council")).containsExactly("council-1", "council-2", "council-3");
    assertThat(m.tap("council", "council-2")).isEqualTo(new BallotMarks.Tap.Unmarked());
    assertThat(m.tap("council", "council-4")).isEqualTo(new BallotMarks.Tap.Marked());
  }

  @Property(tries = 200)
  void anySequenceOfTapsKeepsEveryContestWithinItsLimitAndTheBallotValid(
      @ForAll @Size(max = 40) java.util.List<@IntRange(min = 0, max = 10) Integer> taps) {
    BallotMarks m = new BallotMarks(ELECTION.manifest, DemoElection.FULL_STYLE);
    var contests = m.contests();
    for (int t : taps) {
      var c = contests.get(t % contests.size());
      m.tap(c.id(), c.selectionIds().get(t % c.selectionIds().size()));
    }
    for (var c : contests) {
      assertThat(m.chosen(c.id()).size()).isLessThanOrEqualTo(c.limit());
    }
    m.plaintext().validate(ELECTION.manifest);
    m.clear();
    assertThat(m.plaintext().choices().values()).allMatch(Set::isEmpty);
  }

  @Test
  void itsTextNeverShowsTheMarks() {
    BallotMarks m = new BallotMarks(ELECTION.manifest, DemoElection.REFERENDUM_STYLE);
    m.tap("amendments", "yes");
    assertThat(m.toString()).doesNotContain("yes");
    assertThat(m.plaintext().toString()).doesNotContain("yes");
  }
}
