package org.urna.kiosk.station.operator;

import java.util.Objects;
import org.urna.core.role.Role;
import org.urna.hardware.card.role.RoleCertificate;

/**
 * The card an operator signs in with, as the session and the audit log see it: the certificate's
 * subject and serial and the role it carries. Holds no PIN and no key.
 */
public record OperatorCard(String subject, String serial, Role role) {
  public OperatorCard {
    Objects.requireNonNull(subject);
    Objects.requireNonNull(serial);
    Objects.requireNonNull(role);
    if (!role.onCards()) {
      throw new IllegalArgumentException("no card carries the station's own role");
    }
  }

  /** The card whose certificate passed the trust checks. */
  public static OperatorCard of(RoleCertificate certificate) {
    return new OperatorCard(certificate.subject(), certificate.serialHex(), certificate.role());
  }

  /** The certificate's common name ("CN=Anna Petrova,..." → "Anna Petrova"), else the subject. */
  public String commonName() {
    for (String part : subject.split(",")) {
      String p = part.strip();
      if (p.startsWith("CN=")) {
        return p.substring(3);
      }
    }
    return subject;
  }

  /** How the audit log names the card: its subject and serial. */
  String audited() {
    return subject + " (serial " + serial + ")";
  }
}
