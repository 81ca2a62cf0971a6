package org.urna.ballotbox.outbox;

import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.RecordedBallot;

/**
 * One recorded ballot to forward to the ledger: its place in the station's chain (1-based), the
 * recorded ballot bytes exactly as stored and signed, and how far sync got with it.
 */
public record OutboxEntry(
    long chainPosition,
    BallotId ballotId,
    byte[] recordedBytes,
    OutboxStatus status,
    int attempts,
    String lastError) {
  public OutboxEntry {
    if (chainPosition < 1 || ballotId == null || recordedBytes == null || status == null) {
      throw new IllegalArgumentException("an outbox entry has a position, an id, bytes, a status");
    }
    recordedBytes = recordedBytes.clone();
  }

  @Override
  public byte[] recordedBytes() {
    return recordedBytes.clone();
  }

  /** The recorded ballot, decoded. */
  public RecordedBallot recordedBallot() {
    return RecordedBallot.decode(recordedBytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutboxEntry e
        && e.chainPosition == chainPosition
        && e.ballotId.equals(ballotId)
        && java.util.Arrays.equals(e.recordedBytes, recordedBytes)
        && e.status == status
        && e.attempts == attempts
        && java.util.Objects.equals(e.lastError, lastError);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(chainPosition) * 31 + ballotId.hashCode();
  }

  @Override
  public String toString() {
    return "OutboxEntry[" + chainPosition + " " + ballotId + " " + status + "]";
  }
}
