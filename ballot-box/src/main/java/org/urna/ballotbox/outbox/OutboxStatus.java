package org.urna.ballotbox.outbox;

/** Where a recorded ballot stands on its way to the ledger. */
public enum OutboxStatus {
  /** Not yet accepted by the ledger (never sent, or the last try failed). */
  PENDING,
  /** Accepted by the ledger; waiting for an inclusion proof in a cosigned checkpoint. */
  SUBMITTED,
  /** Included: proven against a checkpoint cosigned by a quorum of validators. */
  CONFIRMED
}
