package org.urna.ballotbox.cli;

import java.io.PrintWriter;
import org.urna.ballotbox.BallotBoxException;

/**
 * The exit codes of {@code urna verify-box}, {@code cast} and {@code tally}
 * (docs/spec/ballot-box.md section 8): one per kind of refusal, so that a script (or a technician
 * reading it) knows what happened without parsing the message.
 */
public final class ExitCodes {
  /** Done; for verify-box: every ballot verifies. */
  public static final int OK = 0;

  /** The box opened but a ballot or a total fails verification (the message lists them). */
  public static final int PROBLEMS = 1;

  /** Bad options or an unreadable election folder. */
  public static final int USAGE = 2;

  /** There is no ballot box at the path given (nothing was created). */
  public static final int NO_BOX = 3;

  /** The password file is missing, unreadable or empty. */
  public static final int PASSWORD_FILE = 4;

  /** The password does not open the box, or cannot be a box password. */
  public static final int WRONG_PASSWORD = 5;

  /** The box was altered: a ballot, an audit entry, a table, its signed head. */
  public static final int TAMPERED = 6;

  /** The box is older than what the station acknowledged (ballots missing). */
  public static final int ROLLED_BACK = 7;

  /** The file is damaged or is not a ballot box. */
  public static final int DAMAGED = 8;

  /** The box's folder cannot be written. */
  public static final int NOT_WRITABLE = 9;

  /** The disk could not be read or written. */
  public static final int DISK = 10;

  /** The box is open in another program. */
  public static final int IN_USE = 11;

  /** The box is of another election or station, or the station or its key is not the election's. */
  public static final int WRONG_BOX = 12;

  /** A ballot operation was refused (duplicate, unknown ballot and the like). */
  public static final int REFUSED = 13;

  private ExitCodes() {}

  /** The exit code of a refusal. */
  public static int of(BallotBoxException e) {
    return switch (e.kind()) {
      case NOT_FOUND -> NO_BOX;
      case WRONG_PASSWORD, UNUSABLE_PASSWORD -> WRONG_PASSWORD;
      case TAMPERED -> TAMPERED;
      case ROLLED_BACK -> ROLLED_BACK;
      case CORRUPT -> DAMAGED;
      case NOT_WRITABLE -> NOT_WRITABLE;
      case STORAGE_FAILURE -> DISK;
      case IN_USE -> IN_USE;
      case OTHER_ELECTION, OTHER_STATION, UNKNOWN_STATION, WRONG_STATION_KEY -> WRONG_BOX;
      case CLOSED,
          READ_ONLY,
          DUPLICATE_BALLOT,
          UNKNOWN_BALLOT,
          FOREIGN_BALLOT,
          ALREADY_CAST,
          ALREADY_CHALLENGED,
          INVALID_REQUEST ->
          REFUSED;
    };
  }

  /** Prints the refusal's message (no stack trace) and returns its code. */
  static int refused(PrintWriter err, BallotBoxException e) {
    err.println(e.getMessage());
    return of(e);
  }
}
