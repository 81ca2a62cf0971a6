package org.urna.kiosk.station;

import org.urna.core.ballot.BallotState;
import org.urna.hardware.printer.PrinterFault;

/** What can happen to the station: voter and poll-worker actions, device and box results. */
public sealed interface StationEvent {
  record PollsOpened() implements StationEvent {}

  record PollsClosed() implements StationEvent {}

  record VoterActivated(String ballotStyleId) implements StationEvent {}

  record PrintRequested() implements StationEvent {}

  record PaperRecordPrinted() implements StationEvent {}

  record PrintFailed(PrinterFault fault) implements StationEvent {}

  record CastChosen() implements StationEvent {}

  record ChallengeChosen() implements StationEvent {}

  record BallotRecorded(BallotState state) implements StationEvent {}

  record RecordFailed(String detail) implements StationEvent {}

  /** The voter goes back to marking (after a challenge, or a poll worker's retry). */
  record VoteAgain() implements StationEvent {}

  /** The voter finished, or a poll worker ended the session. */
  record SessionEnded() implements StationEvent {}

  /** The voter did not answer the inactivity warning. */
  record TimedOut() implements StationEvent {}
}
