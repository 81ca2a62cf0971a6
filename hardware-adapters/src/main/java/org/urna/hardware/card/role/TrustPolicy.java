package org.urna.hardware.card.role;

import static org.urna.hardware.card.role.RefusalReason.*;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.urna.core.role.Role;

/**
 * What a kiosk trusts: the election authority's CA certificate, the serials it was told are
 * revoked, the roles it accepts here and, optionally, its jurisdiction. Checks run in the order of
 * docs/spec/role-cards.md section 3 and fail closed.
 */
public final class TrustPolicy {
  private final X509CertificateHolder authority;
  private final ContentVerifierProvider authorityVerifier;
  private final Set<BigInteger> revoked;
  private final Set<Role> acceptedRoles;
  private final Optional<String> jurisdiction;

  private TrustPolicy(
      X509CertificateHolder authority,
      ContentVerifierProvider verifier,
      Set<BigInteger> revoked,
      Set<Role> acceptedRoles,
      Optional<String> jurisdiction) {
    this.authority = authority;
    this.authorityVerifier = verifier;
    this.revoked = revoked;
    this.acceptedRoles = acceptedRoles;
    this.jurisdiction = jurisdiction;
  }

  /**
   * @param authorityCertificateDer the election authority's self-signed CA certificate
   * @param revokedSerialsHex certificate serials (hex) this kiosk must refuse
   * @param acceptedRoles roles that may sign in here; at least one
   * @param jurisdiction when present, cards of other jurisdictions are refused
   * @throws IllegalArgumentException when the CA certificate is unusable (a set-up error)
   */
  public static TrustPolicy of(
      byte[] authorityCertificateDer,
      Set<String> revokedSerialsHex,
      Set<Role> acceptedRoles,
      Optional<String> jurisdiction) {
    if (acceptedRoles.isEmpty()) {
      throw new IllegalArgumentException("accept at least one role");
    }
    if (!Role.cardRoles().containsAll(acceptedRoles)) {
      throw new IllegalArgumentException("no card carries the station's own role");
    }
    try {
      X509CertificateHolder ca = new X509CertificateHolder(authorityCertificateDer);
      BasicConstraints bc = BasicConstraints.fromExtensions(ca.getExtensions());
      if (bc == null || !bc.isCA()) {
        throw new IllegalArgumentException("the authority certificate is not a CA certificate");
      }
      ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(ca);
      if (!ca.isSignatureValid(verifier)) {
        throw new IllegalArgumentException("the authority certificate's self-signature is invalid");
      }
      Set<BigInteger> serials =
          revokedSerialsHex.stream()
              .map(s -> new BigInteger(s.strip().toLowerCase(Locale.ROOT), 16))
              .collect(Collectors.toUnmodifiableSet());
      return new TrustPolicy(ca, verifier, serials, EnumSet.copyOf(acceptedRoles), jurisdiction);
    } catch (IOException
        | CertException
        | OperatorCreationException
        | java.security.cert.CertificateException
        | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("the authority certificate cannot be used: " + e, e);
    }
  }

  /** Refuses {@code card} with the first failing check's reason; returns when it is trusted. */
  public void check(RoleCertificate card, Instant now) throws RoleCertificateException {
    X509CertificateHolder holder;
    try {
      holder = new X509CertificateHolder(RoleCertificateParser.parse(card.der()).der());
    } catch (IOException | RuntimeException e) {
      throw new RoleCertificateException(UNREADABLE_CERTIFICATE, "not a DER certificate");
    }
    // 3.1 issued by this election's authority
    if (!holder.getIssuer().equals(authority.getSubject())) {
      throw new RoleCertificateException(WRONG_AUTHORITY, "issuer is not the election authority");
    }
    // 3.2 signed by it, with ECDSA P-256 / SHA-256
    if (!X9ObjectIdentifiers.ecdsa_with_SHA256.equals(
        holder.getSignatureAlgorithm().getAlgorithm())) {
      throw new RoleCertificateException(FORGED_CERTIFICATE, "not signed with ecdsa-with-SHA256");
    }
    try {
      if (!holder.isSignatureValid(authorityVerifier)) {
        throw new RoleCertificateException(
            FORGED_CERTIFICATE, "authority signature does not verify");
      }
    } catch (CertException | RuntimeException e) {
      throw new RoleCertificateException(
          FORGED_CERTIFICATE, "authority signature cannot be checked");
    }
    // 3.3 an end-entity certificate for signing
    BasicConstraints bc = BasicConstraints.fromExtensions(holder.getExtensions());
    KeyUsage usage = KeyUsage.fromExtensions(holder.getExtensions());
    if ((bc != null && bc.isCA())
        || (usage != null && !usage.hasUsages(KeyUsage.digitalSignature))
        || holder.getExtension(Extension.basicConstraints) == null) {
      throw new RoleCertificateException(
          FORGED_CERTIFICATE, "not an end-entity signing certificate");
    }
    // 3.4 valid now, and so is the authority
    Date date = Date.from(now);
    if (now.isBefore(card.notBefore()) || now.isBefore(authority.getNotBefore().toInstant())) {
      throw new RoleCertificateException(NOT_YET_VALID, "valid from " + card.notBefore());
    }
    if (!holder.isValidOn(date) || !authority.isValidOn(date)) {
      throw new RoleCertificateException(EXPIRED, "valid until " + card.notAfter());
    }
    // 3.5 not revoked
    if (revoked.contains(holder.getSerialNumber())) {
      throw new RoleCertificateException(REVOKED, "serial " + card.serialHex() + " is revoked");
    }
    // 3.6 a role accepted here, 3.7 in this jurisdiction
    if (!acceptedRoles.contains(card.role())) {
      throw new RoleCertificateException(ROLE_NOT_ALLOWED, card.role() + " is not accepted here");
    }
    if (jurisdiction.isPresent() && !jurisdiction.get().equals(card.jurisdiction())) {
      throw new RoleCertificateException(WRONG_JURISDICTION, "card is for " + card.jurisdiction());
    }
  }

  public Set<Role> acceptedRoles() {
    return acceptedRoles;
  }

  /** A copy of this policy accepting only {@code roles} (e.g. technician only in service mode). */
  public TrustPolicy acceptingOnly(Set<Role> roles) {
    if (roles.isEmpty()) {
      throw new IllegalArgumentException("accept at least one role");
    }
    return new TrustPolicy(
        authority, authorityVerifier, revoked, EnumSet.copyOf(roles), jurisdiction);
  }
}
