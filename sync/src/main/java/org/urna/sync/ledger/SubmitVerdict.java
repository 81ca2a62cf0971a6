package org.urna.sync.ledger;

/** The ledger's answer for one submitted ballot. */
public sealed interface SubmitVerdict {
  String ballotIdHex();

  /** In the log at {@code index}; {@code resubmitted} when it was already there. */
  record Accepted(String ballotIdHex, long index, boolean resubmitted) implements SubmitVerdict {}

  /** Refused, with the validator's reason. */
  record Rejected(String ballotIdHex, String reason) implements SubmitVerdict {}
}
