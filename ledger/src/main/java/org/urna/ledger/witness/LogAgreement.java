package org.urna.ledger.witness;

import org.urna.ledger.merkle.TreeHead;

/**
 * A validator's extra check before cosigning: the tree head must match the log it built itself by
 * validating every entry. An outside witness that keeps no copy of the log agrees with anything.
 */
public interface LogAgreement {
  enum Verdict {
    AGREES,
    BEHIND,
    DISAGREES
  }

  /** Waits a bounded time for the local log to reach the size, then compares the roots. */
  Verdict check(TreeHead head);

  LogAgreement NONE = head -> Verdict.AGREES;
}
