package org.urna.kiosk.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotState;
import org.urna.hardware.printer.PrinterFault;
import org.urna.kiosk.station.StationEvent.BallotRecorded;
import org.urna.kiosk.station.StationEvent.CastChosen;
import org.urna.kiosk.station.StationEvent.ChallengeChosen;
import org.urna.kiosk.station.StationEvent.PaperRecordPrinted;
import org.urna.kiosk.station.StationEvent.PollsOpened;
import org.urna.kiosk.station.StationEvent.PrintFailed;
import org.urna.kiosk.station.StationEvent.PrintRequested;
import org.urna.kiosk.station.StationEvent.SessionEnded;
import org.urna.kiosk.station.StationEvent.TimedOut;
import org.urna.kiosk.station.StationEvent.VoteAgain;
import org.urna.kiosk.station.StationEvent.VoterActivated;
import org.urna.kiosk.station.StationState.AwaitingDecision;
import org.urna.kiosk.station.StationState.Marking;
import org.urna.kiosk.station.StationState.PollsClosed;
import org.urna.kiosk.station.StationState.Recording;
import org.urna.kiosk.station.StationState.WaitingForVoter;

class StationMachineTest {
  private StationMachine openWithVoter() {
    StationMachine m = new StationMachine(new PollsClosed());
    m.apply(new PollsOpened());
    m.apply(new VoterActivated("s"));
    return m;
  }

  @Test
  void aVoterCastsOnlyAfterThePaperRecordIsPrinted() {
    StationMachine m = openWithVoter();
    assertThat(m.accepts(new CastChosen())).isFalse();
    m.apply(new PrintRequested());
    assertThat(m.accepts(new CastChosen())).as("not while printing").isFalse();
    m.apply(new PaperRecordPrinted());
    assertThat(m.apply(new CastChosen())).isEqualTo(new Recording("s", BallotState.CAST, false));
    assertThat(m.apply(new BallotRecorded(BallotState.CAST))).isInstanceOf(StationState.Cast.class);
    assertThat(m.apply(new SessionEnded())).isEqualTo(new WaitingForVoter());
  }

  @Test
  void aTimeoutAfterThePaperRecordRecordsAChallengeNeverACast() {
    StationMachine m = openWithVoter();
    m.apply(new PrintRequested());
    m.apply(new PaperRecordPrinted());
    assertThat(m.apply(new TimedOut())).isEqualTo(new Recording("s", BallotState.CHALLENGED, true));
    assertThatThrownBy(() -> m.apply(new BallotRecorded(BallotState.CAST)))
        .isInstanceOf(IllegalTransition.class);
    assertThat(m.apply(new BallotRecorded(BallotState.CHALLENGED)))
        .isEqualTo(new WaitingForVoter());
  }

  @Test
  void aTimeoutWhileMarkingEndsTheSessionWithNothingRecorded() {
    StationMachine m = openWithVoter();
    assertThat(m.apply(new TimedOut())).isEqualTo(new WaitingForVoter());
    assertThat(m.state().inSession()).isFalse();
  }

  @Test
  void aChallengeLetsTheVoterMarkAgainInTheSameSession() {
    StationMachine m = openWithVoter();
    m.apply(new PrintRequested());
    m.apply(new PaperRecordPrinted());
    m.apply(new ChallengeChosen());
    assertThat(m.apply(new BallotRecorded(BallotState.CHALLENGED)))
        .isEqualTo(new StationState.Challenged("s"));
    assertThat(m.apply(new VoteAgain())).isEqualTo(new Marking("s"));
  }

  @Test
  void aPrinterFaultStopsThePaperRecordAndNeverCasts() {
    StationMachine m = openWithVoter();
    m.apply(new PrintRequested());
    assertThat(m.apply(new PrintFailed(PrinterFault.PAPER_OUT)))
        .isEqualTo(new StationState.PrinterFailed("s", PrinterFault.PAPER_OUT));
    assertThat(m.accepts(new CastChosen())).isFalse();
    assertThat(m.apply(new VoteAgain())).isEqualTo(new Marking("s"));
  }

  @Test
  void noVoterCanBeActivatedWhilePollsAreClosedOrAVoterIsVoting() {
    StationMachine m = new StationMachine(new PollsClosed());
    assertThat(m.accepts(new VoterActivated("s"))).isFalse();
    m.apply(new PollsOpened());
    m.apply(new VoterActivated("s"));
    assertThat(m.accepts(new VoterActivated("s"))).isFalse();
    assertThat(m.accepts(new StationEvent.PollsClosed())).isFalse();
  }

  @Test
  void theDecisionScreenAcceptsOnlyCastChallengeOrTimeout() {
    StationMachine m = openWithVoter();
    m.apply(new PrintRequested());
    m.apply(new PaperRecordPrinted());
    assertThat(m.state()).isEqualTo(new AwaitingDecision("s"));
    assertThat(m.accepts(new SessionEnded())).isFalse();
    assertThat(m.accepts(new VoteAgain())).isFalse();
    assertThat(m.accepts(new PrintRequested())).isFalse();
  }
}
