package org.urna.sync;

import java.util.Base64;
import java.util.List;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.core.role.Role;
import org.urna.core.station.StationLifecycleEvent;

/**
 * The station's lifecycle events waiting for the ledger (decision 0344): each signed event is an
 * entry of the ballot box's hash-chained audit log, action {@value #AUDIT_ACTION}, details the
 * event's bytes in base64. The box writes an audit entry to the disk before it returns, so an event
 * queued here survives a power cut; the sync reads them back in order and sends each once it is
 * due, and the ledger answers one it already has as resubmitted.
 */
public final class StationEventOutbox {
  /** The audit action of a queued station event. */
  public static final String AUDIT_ACTION = "ledger-event";

  private static final int PAGE = 500;

  private StationEventOutbox() {}

  /** Queues a signed event: one audit entry, on the disk when this returns. */
  public static void queue(BallotBox box, Role by, StationLifecycleEvent event) {
    box.appendAudit(by, AUDIT_ACTION, Base64.getEncoder().encodeToString(event.bytes()));
  }

  /**
   * The number of the station's last event the ledger proved it holds, as the sync kept it in
   * {@code syncStateDirectory} (0 before the first, or when the file cannot be read).
   */
  public static long confirmed(java.nio.file.Path syncStateDirectory) {
    try {
      return new SyncStateFiles(syncStateDirectory).eventsConfirmed();
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  /** Every event queued in the box, in the order queued. */
  public static List<StationLifecycleEvent> all(BallotBox box) {
    Reader r = new Reader();
    r.readNew(box);
    return r.events();
  }

  /** Reads the queued events incrementally: each call reads only the audit entries added since. */
  static final class Reader {
    private long read;
    private final List<StationLifecycleEvent> events =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Reads what was queued since the last call; returns whether anything new came. */
    boolean readNew(BallotBox box) {
      boolean any = false;
      while (true) {
        List<AuditEntry> page = box.auditEntries(read + 1, PAGE);
        for (AuditEntry e : page) {
          read = e.seq();
          if (e.action().equals(AUDIT_ACTION)) {
            events.add(StationLifecycleEvent.decode(Base64.getDecoder().decode(e.details())));
            any = true;
          }
        }
        if (page.size() < PAGE) {
          return any;
        }
      }
    }

    List<StationLifecycleEvent> events() {
      return List.copyOf(events);
    }
  }
}
