package org.urna.core.ballot;

/** What the voter decided after checking the paper record (spec 5.6). */
public enum BallotState {
  /** Counted. */
  CAST(1),
  /** Opened for checking (Benaloh challenge); never counted. */
  CHALLENGED(2);

  private final int code;

  BallotState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static BallotState ofCode(int code) {
    return switch (code) {
      case 1 -> CAST;
      case 2 -> CHALLENGED;
      default -> throw new BallotFormatException("state: unknown ballot state " + code);
    };
  }
}
