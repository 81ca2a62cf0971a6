package org.urna.hardware.card.role;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.urna.core.role.Role;

/** What the authority writes into a role certificate it issues. */
public record RoleCertificateRequest(
    String commonName,
    Role role,
    String jurisdiction,
    Optional<String> election,
    Instant notBefore,
    Instant notAfter) {
  public RoleCertificateRequest {
    Objects.requireNonNull(commonName);
    Objects.requireNonNull(role);
    Objects.requireNonNull(jurisdiction);
    Objects.requireNonNull(election);
    if (!role.onCards()) {
      throw new IllegalArgumentException("no card carries the station's own role");
    }
    if (commonName.isBlank() || jurisdiction.isBlank()) {
      throw new IllegalArgumentException("name and jurisdiction must not be blank");
    }
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter must be after notBefore");
    }
  }
}
