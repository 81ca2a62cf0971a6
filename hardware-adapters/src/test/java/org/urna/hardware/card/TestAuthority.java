package org.urna.hardware.card;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.urna.core.role.Role;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.Puk;
import org.urna.hardware.card.role.CertificateAuthority;
import org.urna.hardware.card.role.RoleCertificateRequest;
import org.urna.hardware.card.role.TrustPolicy;
import org.urna.hardware.card.virtual.CardState;
import org.urna.hardware.card.virtual.CardStateStore;
import org.urna.hardware.card.virtual.VirtualPivCard;

/** An election authority for tests, issuing role cards of every kind a story needs. */
public final class TestAuthority {
  public static final String PIN = "123456";
  public static final String PUK = "12345678";
  public static final String JURISDICTION = "test-district-7";

  public final SecureRandom random = new SecureRandom();
  public final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  public final CertificateAuthority ca;

  public TestAuthority(String name) {
    ca =
        CertificateAuthority.create(
            name, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), random);
  }

  public TestAuthority() {
    this("Test election authority");
  }

  /** A card's key, certificate and state. */
  public record IssuedCard(KeyPair keys, byte[] certificate, CardState state) {
    public VirtualPivCard virtualCard() {
      return new VirtualPivCard(state, CardStateStore.inMemory());
    }
  }

  public IssuedCard card(Role role) {
    return card(request(role, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7))));
  }

  public RoleCertificateRequest request(Role role, Instant notBefore, Instant notAfter) {
    return new RoleCertificateRequest(
        "Test " + role.displayName(), role, JURISDICTION, Optional.empty(), notBefore, notAfter);
  }

  public IssuedCard card(RoleCertificateRequest request) {
    KeyPair keys = CertificateAuthority.newP256KeyPair(random);
    return cardWith(keys, ca.issue(request, keys.getPublic()));
  }

  /** A card holding {@code certificate} and the private key of {@code keys}. */
  public IssuedCard cardWith(KeyPair keys, byte[] certificate) {
    return new IssuedCard(
        keys,
        certificate,
        CardState.issue(
            certificate, keys.getPrivate().getEncoded(), Pin.of(PIN), Puk.of(PUK), random));
  }

  public TrustPolicy policy(Set<Role> roles, Set<String> revokedSerials) {
    return TrustPolicy.of(ca.certificateDer(), revokedSerials, roles, Optional.of(JURISDICTION));
  }

  public TrustPolicy policy() {
    return policy(Set.of(Role.POLL_WORKER, Role.TECHNICIAN, Role.ELECTION_MANAGER), Set.of());
  }
}
