package org.urna.ballotbox.audit;

/** Who did what an audit entry records. */
public enum AuditRole {
  /** A poll worker, authenticated by card and PIN. */
  POLL_WORKER,
  /** A technician in service mode, authenticated by card and PIN. */
  TECHNICIAN,
  /** The kiosk itself (box created, ballot cast or challenged, pending ballots recovered). */
  KIOSK
}
