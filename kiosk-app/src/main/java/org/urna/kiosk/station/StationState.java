package org.urna.kiosk.station;

import org.urna.core.ballot.BallotState;
import org.urna.hardware.printer.PrinterFault;

/**
 * Where the station is in serving voters. Closed set: every screen and every rule switches over it
 * exhaustively. Holds no choice of the voter: those live in the session only.
 */
public sealed interface StationState {

  /** Polls are not open: no voter can be activated. */
  record PollsClosed() implements StationState {}

  /** Polls open, no voter session: the waiting screen. */
  record WaitingForVoter() implements StationState {}

  /** A voter is marking a ballot of this style (language, contests, review). */
  record Marking(String ballotStyleId) implements StationState {}

  /** The paper record is being printed; nothing is cast. */
  record PrintingRecord(String ballotStyleId) implements StationState {}

  /** The paper record is out; the voter checks it and decides. */
  record AwaitingDecision(String ballotStyleId) implements StationState {}

  /**
   * The ballot box is recording the decision. {@code byTimeout}: the voter walked away after the
   * paper record was printed, so the ballot is recorded as challenged, never cast.
   */
  record Recording(String ballotStyleId, BallotState decision, boolean byTimeout)
      implements StationState {}

  /** The ballot was cast; the receipt is printed. */
  record Cast() implements StationState {}

  /** The ballot was challenged; the voter may vote again in the same session. */
  record Challenged(String ballotStyleId) implements StationState {}

  /** The printer failed during the paper record: nothing cast, a poll worker must act. */
  record PrinterFailed(String ballotStyleId, PrinterFault fault) implements StationState {}

  /** The ballot box refused to record: nothing cast, a poll worker must act. */
  record StationFault(String detail) implements StationState {}

  /** True while a voter's session is open (choices may exist in memory). */
  default boolean inSession() {
    return switch (this) {
      case PollsClosed p -> false;
      case WaitingForVoter w -> false;
      case Marking m -> true;
      case PrintingRecord p -> true;
      case AwaitingDecision a -> true;
      case Recording r -> true;
      case Cast c -> true;
      case Challenged c -> true;
      case PrinterFailed p -> true;
      case StationFault f -> true;
    };
  }
}
