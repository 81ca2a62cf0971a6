package org.urna.kiosk.polls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotCounts;
import org.urna.kiosk.config.StationContext;
import org.urna.sync.SyncService;
import org.urna.sync.SyncStatus;
import org.urna.sync.SyncStatus.SyncError;

/**
 * The station's link to the ledger (decision 0343): the sync of the loaded election's ballot box,
 * opened through the station context's {@link StationContext.LedgerFactory} (the configured
 * validators and trust policy) when the box opens, woken after every cast, drained once more and
 * stopped when the polls close, stopped when the station stops. It tells the operator screens where
 * the link stands (not configured, not started and why, running, stopped) with one {@link Snapshot}
 * read at one moment: the sync's outbox counts first, then the box's counts, so the box's total is
 * never behind the ledger's (decision 0230).
 */
public final class StationLedger {
  private static final Logger LOG = LoggerFactory.getLogger(StationLedger.class);

  /** The file in which the sync keeps the last checkpoint it verified (docs/spec/sync.md). */
  static final String CHECKPOINT_FILE = "ledger-checkpoint.note";

  /** Where the station's link to the ledger stands. */
  public enum Standing {
    /** The station's configuration names no validator: ballots stay in the ballot box only. */
    NOT_CONFIGURED,
    /** No election is loaded (or its ballot box did not open): nothing to send. */
    NO_BOX,
    /** The sync could not be started from the configuration (the reason is the problem). */
    UNAVAILABLE,
    /** The sync runs: ballots are sent and confirmed. */
    RUNNING,
    /** The sync was stopped after the polls closed (or the station is stopping). */
    STOPPED
  }

  /**
   * What the dashboard shows, read at one moment.
   *
   * @param standing where the link stands
   * @param problem why the sync could not start (for the technician), when UNAVAILABLE
   * @param sync the sync's last status, once it was opened
   * @param box the ballot box's counts, read after the sync's outbox counts
   * @param checkpointNote the newest cosigned checkpoint the station has seen (C2SP signed note)
   */
  public record Snapshot(
      Standing standing,
      Optional<String> problem,
      Optional<SyncStatus> sync,
      BallotCounts box,
      Optional<byte[]> checkpointNote) {}

  private final StationContext.LedgerFactory factory;
  private final boolean configured;
  private final List<Consumer<Snapshot>> listeners = new CopyOnWriteArrayList<>();
  private final Consumer<SyncStatus> onStatus = this::statusChanged;
  private volatile BallotBox box;
  private volatile Path stateDirectory;
  private volatile SyncService sync;
  private volatile SyncStatus lastStatus;
  private volatile String problem;
  private volatile boolean stopped;

  StationLedger(StationContext context) {
    this.factory = context.ledger();
    this.configured = !context.config().ledgerEndpoints().isEmpty();
  }

  /** True when the station's configuration names at least one validator. */
  public boolean configured() {
    return configured;
  }

  /**
   * The box of the loaded election opened: opens its sync (state in {@code stateDirectory}) and
   * starts it. A sync that cannot be opened leaves the station working without it, and says why.
   */
  void start(BallotBox box, Path stateDirectory) {
    stop();
    this.box = box;
    this.stateDirectory = stateDirectory;
    this.problem = null;
    this.stopped = false;
    this.lastStatus = null;
    if (!configured) {
      publish();
      return;
    }
    SyncService s = null;
    try {
      s = factory.open(box, stateDirectory);
      Files.createDirectories(stateDirectory);
    } catch (IOException | RuntimeException e) {
      if (s != null) {
        s.close();
      }
      LOG.warn("The ledger sync could not be started: {}", e.toString());
      problem = e.getMessage() == null ? e.toString() : e.getMessage();
      publish();
      return;
    }
    sync = s;
    s.addListener(onStatus);
    s.start();
  }

  /** Whether the sync runs now. */
  boolean running() {
    return sync != null;
  }

  /** After a cast: send now rather than at the next round. */
  void wake() {
    SyncService s = sync;
    if (s != null) {
      s.wake();
    }
  }

  /**
   * The final attempt before the polls close: asks for a round now and waits, at most {@code
   * patience}, until nothing waits for confirmation, an alarm stands or the ledger could not be
   * reached. Returns the sync's status then (empty without a sync).
   */
  Optional<SyncStatus> drain(Duration patience) {
    return drain(patience, 0);
  }

  /**
   * {@link #drain(Duration)}, waiting also until the ledger confirmed the station's first {@code
   * events} lifecycle events (decision 0344), unless the ledger does not take them.
   */
  Optional<SyncStatus> drain(Duration patience, long events) {
    SyncService s = sync;
    if (s == null) {
      return Optional.empty();
    }
    // a failure newer than this one ends the wait: compared by identity, never by time, since the
    // sync stamps its errors with the station's clock, which need not be the wall clock
    SyncStatus before = s.status();
    SyncError seen = before == null ? null : before.lastError().orElse(null);
    s.wake();
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      SyncStatus st = s.status();
      if (st != null
          && ((st.pending() + st.submitted() == 0 && st.events().confirmed() >= events)
              || st.alarm().isPresent()
              // a ledger that takes no events: nothing more to wait for once the ballots are in
              // (events are numbered on across a reset, so a count of queued events is no measure)
              || (st.pending() + st.submitted() == 0 && !s.takesEvents())
              || st.lastError().filter(e -> e != seen).isPresent())) {
        break;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Optional.ofNullable(s.status());
  }

  /** Stops the sync (its thread ends; the box stays open). */
  void stop() {
    SyncService s = sync;
    sync = null;
    if (s != null) {
      stopped = true;
      s.close();
      s.removeListener(onStatus);
      lastStatus = s.status();
      publish();
    }
  }

  /** The box is closing: the sync stops first, and nothing is read from the box any more. */
  void boxClosing() {
    stop();
    box = null;
    stateDirectory = null;
    publish();
  }

  /** A poll worker read the alarm and called the election office: the sync resumes. */
  public void acknowledgeAlarm() {
    SyncService s = sync;
    if (s != null) {
      s.acknowledgeAlarm();
    }
  }

  public void addListener(Consumer<Snapshot> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<Snapshot> listener) {
    listeners.remove(listener);
  }

  private void statusChanged(SyncStatus s) {
    if (s != null) {
      lastStatus = s;
    }
    publish();
  }

  private void publish() {
    if (listeners.isEmpty()) {
      return;
    }
    Snapshot now = snapshot();
    for (Consumer<Snapshot> l : listeners) {
      try {
        l.accept(now);
      } catch (RuntimeException e) {
        LOG.warn("A ledger dashboard failed: {}", e.toString());
      }
    }
  }

  /** Where the link stands now, with the box's counts read after the sync's. */
  public Snapshot snapshot() {
    SyncStatus status = lastStatus;
    BallotBox b = box;
    BallotCounts counts = new BallotCounts(0, 0, 0);
    Optional<byte[]> note = Optional.empty();
    if (b != null) {
      try {
        counts = b.counts();
        note = latestCheckpointNote();
      } catch (RuntimeException e) {
        // the box closed meanwhile; the next snapshot will say so
        b = null;
      }
    }
    Standing standing;
    if (!configured) {
      standing = Standing.NOT_CONFIGURED;
    } else if (problem != null) {
      standing = Standing.UNAVAILABLE;
    } else if (b == null) {
      standing = Standing.NO_BOX;
    } else if (sync != null) {
      standing = Standing.RUNNING;
    } else if (stopped) {
      standing = Standing.STOPPED;
    } else {
      standing = Standing.NO_BOX;
    }
    return new Snapshot(
        standing, Optional.ofNullable(problem), Optional.ofNullable(status), counts, note);
  }

  /**
   * The newest cosigned checkpoint this station has seen: the one its sync verified last (kept in
   * {@value #CHECKPOINT_FILE}) or, when larger, the one the ballot box kept with its confirmed
   * ballots; empty before any.
   */
  public Optional<byte[]> latestCheckpointNote() {
    BallotBox b = box;
    Optional<byte[]> kept = b == null ? Optional.empty() : b.latestCheckpointNote();
    Path dir = stateDirectory;
    Optional<byte[]> verified = Optional.empty();
    if (dir != null && Files.isRegularFile(dir.resolve(CHECKPOINT_FILE))) {
      try {
        verified = Optional.of(Files.readAllBytes(dir.resolve(CHECKPOINT_FILE)));
      } catch (IOException e) {
        LOG.warn("Cannot read {}: {}", dir.resolve(CHECKPOINT_FILE), e.toString());
      }
    }
    if (kept.isEmpty()) {
      return verified.filter(n -> size(n) >= 0);
    }
    if (verified.isEmpty() || size(verified.get()) < size(kept.get())) {
      return kept;
    }
    return verified;
  }

  /** The tree size of a signed checkpoint note, or -1 when it is not one. */
  static long size(byte[] note) {
    try {
      return org.urna.tlog.Checkpoint.parse(org.urna.tlog.SignedNote.parse(note).text()).size();
    } catch (org.urna.tlog.LedgerFormatException e) {
      return -1;
    }
  }
}
