package org.urna.kiosk.station;

import org.urna.core.ballot.BallotState;
import org.urna.kiosk.station.StationEvent.BallotRecorded;
import org.urna.kiosk.station.StationEvent.CastChosen;
import org.urna.kiosk.station.StationEvent.ChallengeChosen;
import org.urna.kiosk.station.StationEvent.PaperRecordPrinted;
import org.urna.kiosk.station.StationEvent.PollsOpened;
import org.urna.kiosk.station.StationEvent.PrintFailed;
import org.urna.kiosk.station.StationEvent.PrintRequested;
import org.urna.kiosk.station.StationEvent.RecordFailed;
import org.urna.kiosk.station.StationEvent.SessionEnded;
import org.urna.kiosk.station.StationEvent.TimedOut;
import org.urna.kiosk.station.StationEvent.VoteAgain;
import org.urna.kiosk.station.StationEvent.VoterActivated;
import org.urna.kiosk.station.StationState.AwaitingDecision;
import org.urna.kiosk.station.StationState.Cast;
import org.urna.kiosk.station.StationState.Challenged;
import org.urna.kiosk.station.StationState.Marking;
import org.urna.kiosk.station.StationState.PollsClosed;
import org.urna.kiosk.station.StationState.PrinterFailed;
import org.urna.kiosk.station.StationState.PrintingRecord;
import org.urna.kiosk.station.StationState.Recording;
import org.urna.kiosk.station.StationState.StationFault;
import org.urna.kiosk.station.StationState.WaitingForVoter;

/**
 * The station's rules as one pure function: (state, event) → next state. No JavaFX, no devices: the
 * kiosk's view-model feeds events in and acts on the state that comes out. The rules a voter relies
 * on live here: nothing is cast before a paper record is printed, a timed-out ballot whose paper
 * record exists is recorded as challenged, a printer fault never casts.
 */
public final class StationMachine {
  private StationState state;

  public StationMachine(StationState initial) {
    this.state = initial;
  }

  public StationState state() {
    return state;
  }

  /** Applies the event; throws {@link IllegalTransition} when the state does not accept it. */
  public StationState apply(StationEvent event) {
    state = next(state, event);
    return state;
  }

  /** True when the current state accepts the event. */
  public boolean accepts(StationEvent event) {
    try {
      next(state, event);
      return true;
    } catch (IllegalTransition e) {
      return false;
    }
  }

  public static StationState next(StationState state, StationEvent event) {
    StationState next =
        switch (state) {
          case PollsClosed p -> event instanceof PollsOpened ? new WaitingForVoter() : null;
          case WaitingForVoter w ->
              switch (event) {
                case VoterActivated(var style) -> new Marking(style);
                case StationEvent.PollsClosed c -> new PollsClosed();
                default -> null;
              };
          case Marking(var style) ->
              switch (event) {
                case PrintRequested r -> new PrintingRecord(style);
                case TimedOut t -> new WaitingForVoter();
                case SessionEnded e -> new WaitingForVoter();
                default -> null;
              };
          case PrintingRecord(var style) ->
              switch (event) {
                case PaperRecordPrinted p -> new AwaitingDecision(style);
                case PrintFailed(var fault) -> new PrinterFailed(style, fault);
                case RecordFailed(var detail) -> new StationFault(detail);
                default -> null;
              };
          case AwaitingDecision(var style) ->
              switch (event) {
                case CastChosen c -> new Recording(style, BallotState.CAST, false);
                case ChallengeChosen c -> new Recording(style, BallotState.CHALLENGED, false);
                case TimedOut t -> new Recording(style, BallotState.CHALLENGED, true);
                default -> null;
              };
          case Recording(var style, var decision, var byTimeout) ->
              switch (event) {
                case BallotRecorded(var recorded) when recorded != decision -> null;
                case BallotRecorded r when decision == BallotState.CAST -> new Cast();
                case BallotRecorded r when byTimeout -> new WaitingForVoter();
                case BallotRecorded r -> new Challenged(style);
                case RecordFailed(var detail) -> new StationFault(detail);
                default -> null;
              };
          case Cast c ->
              event instanceof SessionEnded || event instanceof TimedOut
                  ? new WaitingForVoter()
                  : null;
          case Challenged(var style) ->
              switch (event) {
                case VoteAgain v -> new Marking(style);
                case TimedOut t -> new WaitingForVoter();
                case SessionEnded e -> new WaitingForVoter();
                default -> null;
              };
          case PrinterFailed(var style, var fault) ->
              switch (event) {
                case VoteAgain v -> new Marking(style);
                case TimedOut t -> new WaitingForVoter();
                case SessionEnded e -> new WaitingForVoter();
                default -> null;
              };
          case StationFault f -> event instanceof SessionEnded ? new WaitingForVoter() : null;
        };
    if (next == null) {
      throw new IllegalTransition(state, event);
    }
    return next;
  }
}
