package org.urna.hardware.card.role;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.urna.core.role.Role;

/**
 * A role proven by a card: its certificate chains to the election authority and the card signed a
 * fresh challenge with the certified key after its PIN was verified.
 */
public record RoleSession(
    Role role,
    String jurisdiction,
    Optional<String> election,
    String holderName,
    String certificateSerial,
    Instant authenticatedAt) {
  public RoleSession {
    Objects.requireNonNull(role);
    Objects.requireNonNull(jurisdiction);
    Objects.requireNonNull(election);
    Objects.requireNonNull(holderName);
    Objects.requireNonNull(certificateSerial);
    Objects.requireNonNull(authenticatedAt);
  }
}
