package org.urna.ledger.replication;

/** The validators' decision on one submitted ballot; the same on every honest validator. */
public sealed interface Verdict {
  String ballotId();

  /** Appended at {@code index}; {@code resubmitted} when it was already there (same bytes). */
  record Accepted(
      String ballotId, String stationId, long index, String trackingCode, boolean resubmitted)
      implements Verdict {}

  /** Refused; the reason is written for a poll worker or technician. */
  record Rejected(String ballotId, String reason) implements Verdict {}
}
