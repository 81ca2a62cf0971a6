package org.urna.kiosk.station.operator;

import java.util.Objects;
import org.urna.core.role.Role;

/**
 * An audit entry a transition asks for; the caller appends it to the ballot box's hash-chained log
 * ({@code BallotBox.appendAudit(role, action, details)}). {@code role} is the signed-in role for
 * what an operator did, {@link Role#KIOSK} for what the station saw before a PIN was proven.
 */
public record AuditNote(Role role, String action, String details) {
  public AuditNote {
    Objects.requireNonNull(role);
    Objects.requireNonNull(action);
    Objects.requireNonNull(details);
  }
}
