package org.urna.sync;

import java.time.Instant;
import java.util.Optional;

/**
 * What the poll-worker screen shows about sync: the outbox counts, the last verified checkpoint,
 * the last error in plain words, progress while a backlog drains, and the alarm if one stands.
 */
public record SyncStatus(
    long pending,
    long submitted,
    long confirmed,
    Optional<CheckpointSeen> lastCheckpoint,
    Optional<SyncError> lastError,
    Optional<Progress> progress,
    Optional<RaisedAlarm> alarm,
    boolean running,
    Events events) {

  public SyncStatus {
    if (pending < 0 || submitted < 0 || confirmed < 0) {
      throw new IllegalArgumentException("outbox counts are never negative");
    }
    java.util.Objects.requireNonNull(events, "events");
  }

  /** A status without station events. */
  public SyncStatus(
      long pending,
      long submitted,
      long confirmed,
      Optional<CheckpointSeen> lastCheckpoint,
      Optional<SyncError> lastError,
      Optional<Progress> progress,
      Optional<RaisedAlarm> alarm,
      boolean running) {
    this(
        pending,
        submitted,
        confirmed,
        lastCheckpoint,
        lastError,
        progress,
        alarm,
        running,
        Events.NONE);
  }

  /**
   * The station's lifecycle events (decision 0344): how many are queued in the ballot box and how
   * many of them the ledger proved it holds (events are confirmed in order); {@code takenByLedger}
   * is false once the ledger answered that it does not take station events.
   */
  public record Events(long queued, long confirmed, boolean takenByLedger) {
    public static final Events NONE = new Events(0, 0, true);

    public Events {
      if (confirmed < 0 || queued < 0) {
        throw new IllegalArgumentException("event counts are never negative");
      }
    }
  }

  /** A checkpoint this kiosk verified: its size, when validators cosigned it, when it was seen. */
  public record CheckpointSeen(long size, String rootHex, Instant cosignedAt, Instant verifiedAt) {}

  /** A failure the sync will retry, in words a poll worker understands, and when it happened. */
  public record SyncError(String words, Instant at) {}

  /** Ballots sent of a backlog being drained. */
  public record Progress(long sent, long total) {
    public Progress {
      if (sent < 0 || total < sent) {
        throw new IllegalArgumentException("0 <= sent <= total");
      }
    }

    /** E.g. "312 of 5,000 sent". */
    public String words() {
      return String.format(java.util.Locale.ROOT, "%,d of %,d sent", sent, total);
    }
  }

  /** An alarm and when it was raised. */
  public record RaisedAlarm(SyncAlarm alarm, Instant at) {}

  /** All ballots of the box are confirmed and nothing is wrong. */
  public boolean allConfirmed() {
    return pending == 0 && submitted == 0 && alarm.isEmpty();
  }
}
