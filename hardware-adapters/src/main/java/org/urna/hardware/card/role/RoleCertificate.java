package org.urna.hardware.card.role;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.urna.core.role.Role;

/**
 * A parsed role-card certificate: who the card belongs to, its role and jurisdiction, its key.
 * Parsed is not trusted: {@link TrustPolicy#check} decides that.
 *
 * @param serialHex the certificate serial number, hex, as revocation lists name it
 * @param der the whole certificate, DER
 */
public record RoleCertificate(
    String commonName,
    Role role,
    String jurisdiction,
    Optional<String> election,
    String serialHex,
    Instant notBefore,
    Instant notAfter,
    PublicKey publicKey,
    byte[] der) {
  public RoleCertificate {
    Objects.requireNonNull(commonName);
    Objects.requireNonNull(role);
    Objects.requireNonNull(jurisdiction);
    Objects.requireNonNull(election);
    Objects.requireNonNull(serialHex);
    Objects.requireNonNull(notBefore);
    Objects.requireNonNull(notAfter);
    Objects.requireNonNull(publicKey);
    der = der.clone();
  }

  /**
   * The certificate's subject as RFC 4514 text (role and jurisdiction attributes by their OIDs), as
   * the audit log names the card's holder.
   */
  public String subject() {
    try {
      return new org.bouncycastle.cert.X509CertificateHolder(der).getSubject().toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a parsed certificate no longer parses", e);
    }
  }

  @Override
  public byte[] der() {
    return der.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoleCertificate c && java.util.Arrays.equals(c.der, der);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(der);
  }

  @Override
  public String toString() {
    return "RoleCertificate[%s, %s, %s, serial %s]"
        .formatted(role, jurisdiction, commonName, serialHex);
  }
}
