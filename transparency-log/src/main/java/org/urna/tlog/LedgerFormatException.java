package org.urna.tlog;

/**
 * Bytes from the ledger (a signed note, a checkpoint, a key, a policy, a proof) that do not follow
 * their C2SP format. The message names what is wrong; the sync treats the answer as unusable.
 */
public final class LedgerFormatException extends RuntimeException {
  public LedgerFormatException(String message) {
    super(message);
  }
}
