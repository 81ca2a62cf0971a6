package org.urna.tally.ledger;

/**
 * The ledger (as served or as downloaded) cannot be tallied; the message says why in words an
 * election official can act on. Nothing was written.
 */
public final class LedgerRefusal extends Exception {
  public LedgerRefusal(String message) {
    super(message);
  }
}
