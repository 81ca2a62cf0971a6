package org.urna.hardware.card.role;

import java.util.Optional;

/** The election roles a card can carry, with the value written in the certificate. */
public enum Role {
  POLL_WORKER("poll-worker", "Poll worker"),
  TECHNICIAN("technician", "Technician"),
  ELECTION_MANAGER("election-manager", "Election manager");

  private final String certificateValue;
  private final String displayName;

  Role(String certificateValue, String displayName) {
    this.certificateValue = certificateValue;
    this.displayName = displayName;
  }

  /** The UTF8String stored under {@link RoleOids#ROLE} (docs/spec/role-cards.md). */
  public String certificateValue() {
    return certificateValue;
  }

  public String displayName() {
    return displayName;
  }

  public static Optional<Role> fromCertificateValue(String value) {
    for (Role r : values()) {
      if (r.certificateValue.equals(value)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
