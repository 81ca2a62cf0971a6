package org.urna.ballotbox;

/**
 * A refusal of the ballot box, typed by {@link Kind} so that the kiosk can react, with a message a
 * poll worker can act on. Whenever the box throws this, it has changed nothing: a refused open
 * leaves the file as it was, a refused operation rolled its transaction back.
 */
public final class BallotBoxException extends RuntimeException {

  /** What went wrong, in the words shown to a poll worker or technician. */
  public enum Kind {
    /** The password does not open this ballot box file. */
    WRONG_PASSWORD,
    /** The password cannot protect a ballot box (too short, or contains spaces). */
    UNUSABLE_PASSWORD,
    /** The file is a ballot box of another election (or of another election key). */
    OTHER_ELECTION,
    /** The file is a ballot box of another station. */
    OTHER_STATION,
    /** The station is not one of the election's authorised stations. */
    UNKNOWN_STATION,
    /** The signing key given is not the key the election authorised for this station. */
    WRONG_STATION_KEY,
    /** The file's chains do not check: a ballot or an audit entry was altered, removed or added. */
    TAMPERED,
    /** The file is not a readable ballot box (damaged, or not a ballot box at all). */
    CORRUPT,
    /** The ballot box is already open, in this program or in another. */
    IN_USE,
    /** The ballot box was closed. */
    CLOSED,
    /** The disk could not be read or written (full, removed, failing). */
    STORAGE_FAILURE,
    /** A ballot with this id is already in the box. */
    DUPLICATE_BALLOT,
    /** No ballot with this id is in the box. */
    UNKNOWN_BALLOT,
    /** The ballot was made for another election or station. */
    FOREIGN_BALLOT,
    /** The ballot was already cast. */
    ALREADY_CAST,
    /** The ballot was already challenged (spoiled). */
    ALREADY_CHALLENGED,
    /** An audit entry or outbox update that the box cannot accept as given. */
    INVALID_REQUEST,
    /** There is no ballot box at the path given (and nothing was created). */
    NOT_FOUND,
    /**
     * The file is behind what the station acknowledged (its signed head): ballots or audit entries
     * it recorded are missing (a damaged tail rolled back, rows deleted, an older copy restored).
     */
    ROLLED_BACK,
    /** The folder of the ballot box cannot be written (read-only, or no permission). */
    NOT_WRITABLE,
    /** The box was opened for reading only (verification): it refuses every change. */
    READ_ONLY
  }

  private final Kind kind;
  private final String pollWorkerMessage;

  public BallotBoxException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public BallotBoxException(Kind kind, String message, Throwable cause) {
    this(kind, message, null, cause);
  }

  /**
   * A refusal with two texts: {@code message} for the technician (paths, counts, the check that
   * failed) and {@code pollWorkerMessage} for the kiosk's screen.
   */
  public BallotBoxException(Kind kind, String message, String pollWorkerMessage, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.pollWorkerMessage = pollWorkerMessage;
  }

  public Kind kind() {
    return kind;
  }

  /**
   * What the kiosk shows the poll worker: what happened, what the box did not do, whom to call; no
   * file paths and no database words. For ROLLED_BACK it says that ballots the kiosk accepted are
   * missing, that no ballot was voided and nothing changed, and to call the election technician.
   * Kinds without a text of their own give {@link #getMessage()}.
   */
  public String pollWorkerMessage() {
    return pollWorkerMessage != null ? pollWorkerMessage : getMessage();
  }

  /**
   * The poll worker's text of a ROLLED_BACK refusal: {@code what} (one sentence on what is
   * missing), then what was not done and whom to call.
   */
  static String rolledBackForPollWorker(String what) {
    return what
        + " The ballot box was not opened: no ballot was voided, deleted or changed. Do not let"
        + " anyone vote on this kiosk and do not reset it. Call the election technician, and keep"
        + " the kiosk and its paper records as they are.";
  }
}
