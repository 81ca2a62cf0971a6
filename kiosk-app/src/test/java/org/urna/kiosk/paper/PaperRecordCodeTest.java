package org.urna.kiosk.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.urna.core.ballot.BallotFormatException;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.kiosk.demo.DemoElection;
import org.urna.kiosk.station.BallotMarks;

class PaperRecordCodeTest {
  private static final DemoElection ELECTION = new DemoElection();

  @Property(tries = 100)
  void theQrPayloadIsAsciiAndGivesBackTheBallotIdAndTheChoices(@ForAll long seed) {
    Random r = new Random(seed);
    BallotMarks m = new BallotMarks(ELECTION.manifest, DemoElection.FULL_STYLE);
    for (int i = 0; i < 12; i++) {
      var c = m.contests().get(r.nextInt(m.contests().size()));
      m.tap(c.id(), c.selectionIds().get(r.nextInt(c.selectionIds().size())));
    }
    PlaintextBallot ballot = m.plaintext();
    BallotId id = BallotId.random(new SecureRandom());
    String payload = PaperRecordCode.encode(ELECTION.manifest, id, ballot);
    assertThat(payload).matches("\\p{ASCII}+");
    PaperRecordCode.Decoded back = PaperRecordCode.decode(payload);
    assertThat(back.ballotId()).isEqualTo(id);
    assertThat(back.ballot()).isEqualTo(ballot);
  }

  @Property(tries = 300)
  void anyOtherTextIsRefusedWithATypedError(@ForAll String text) {
    try {
      PaperRecordCode.decode(text);
    } catch (IllegalArgumentException e) {
      // a BallotFormatException (bad ballot id) is one too: both name what is wrong
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  @org.junit.jupiter.api.Test
  void aTruncatedCodeIsRefused() {
    assertThatThrownBy(() -> PaperRecordCode.decode("URNA-PR1/00"))
        .isInstanceOfAny(IllegalArgumentException.class, BallotFormatException.class);
  }
}
