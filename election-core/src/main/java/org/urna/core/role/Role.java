package org.urna.core.role;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who acts at a station: the three roles a smart card can carry (docs/spec/role-cards.md, section
 * 2) and the station itself. One type for the whole project: the card layer grants roles, the
 * operator session holds one, the ballot box's audit log records who did what.
 *
 * <p>{@link #name()} is what the audit log hashes and stores (docs/spec/ballot-box.md, 3.2): never
 * rename a constant. {@link #certificateValue()} is what a role certificate holds.
 */
public enum Role {
  /** Opens and closes polls, activates voters; authenticated by card and PIN. */
  POLL_WORKER("poll-worker", "Poll worker"),
  /** Service mode: diagnostics, configuration, keys; authenticated by card and PIN. */
  TECHNICIAN("technician", "Technician"),
  /** Resets blocked cards with their PUK, loads elections; authenticated by card and PIN. */
  ELECTION_MANAGER("election-manager", "Election manager"),
  /** The station itself (box created, ballot cast or challenged, pending ballots recovered). */
  KIOSK(null, "Station");

  private final String certificateValue;
  private final String displayName;

  Role(String certificateValue, String displayName) {
    this.certificateValue = certificateValue;
    this.displayName = displayName;
  }

  /** Whether a role card can carry this role (every role but {@link #KIOSK}). */
  public boolean onCards() {
    return certificateValue != null;
  }

  /**
   * The UTF8String a role certificate stores for this role.
   *
   * @throws IllegalStateException for {@link #KIOSK}, which no card carries
   */
  public String certificateValue() {
    if (certificateValue == null) {
      throw new IllegalStateException("no card carries the station's own role");
    }
    return certificateValue;
  }

  public String displayName() {
    return displayName;
  }

  /** The card role whose certificate value is {@code value}; empty for anything else. */
  public static Optional<Role> fromCertificateValue(String value) {
    for (Role r : values()) {
      if (r.certificateValue != null && r.certificateValue.equals(value)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The roles a card can carry. */
  public static Set<Role> cardRoles() {
    return EnumSet.of(POLL_WORKER, TECHNICIAN, ELECTION_MANAGER);
  }
}
