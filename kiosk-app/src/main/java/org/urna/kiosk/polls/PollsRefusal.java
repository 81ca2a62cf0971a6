package org.urna.kiosk.polls;

/** A poll-worker action the station refused, with the reason in the poll worker's words. */
public final class PollsRefusal extends RuntimeException {
  private final String code;

  PollsRefusal(String code, String message) {
    super(message);
    this.code = code;
  }

  /**
   * A stable name of the refusal ("zero-check", "not-loaded", ...), for tests and the audit log.
   */
  public String code() {
    return code;
  }
}
