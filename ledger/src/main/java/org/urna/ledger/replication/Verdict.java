package org.urna.ledger.replication;

/**
 * The validators' decision on one submitted ballot; the same on every honest validator. Every text
 * field is bounded ({@link #MAX_ID} and {@link #MAX_REASON} characters, longer text is cut and ends
 * with "…"), so that a verdict is always small whatever a submission holds.
 */
public sealed interface Verdict {
  /** The longest ballot id, station id or tracking code a verdict carries, in characters. */
  int MAX_ID = 64;

  /** The longest reason a verdict carries, in characters. */
  int MAX_REASON = 300;

  String ballotId();

  /** Appended at {@code index}; {@code resubmitted} when it was already there (same bytes). */
  record Accepted(
      String ballotId, String stationId, long index, String trackingCode, boolean resubmitted)
      implements Verdict {
    public Accepted {
      ballotId = cut(ballotId, MAX_ID);
      stationId = cut(stationId, MAX_ID);
      trackingCode = cut(trackingCode, MAX_ID);
    }
  }

  /** Refused; the reason is written for a poll worker or technician. */
  record Rejected(String ballotId, String reason) implements Verdict {
    public Rejected {
      ballotId = cut(ballotId, MAX_ID);
      reason = cut(reason, MAX_REASON);
    }
  }

  /** {@code text} (null as empty) cut to at most {@code max} characters, never inside a pair. */
  static String cut(String text, int max) {
    if (text == null) {
      return "";
    }
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
