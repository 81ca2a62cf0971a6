package org.urna.hardware.card;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.urna.core.role.Role;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.Puk;
import org.urna.hardware.card.role.CertificateAuthority;
import org.urna.hardware.card.role.RoleCertificateRequest;
import org.urna.hardware.card.role.RoleOids;
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

  /**
   * A card whose certificate this authority signed like every role card's (same issuer, validity,
   * extensions, jurisdiction, P-256 key) but whose role attribute is {@code roleValue}: empty for a
   * certificate that carries no Urna role at all, or a value Urna does not know (e.g. "observer").
   * The authority's own {@link CertificateAuthority#issue} cannot make one: its requests always
   * carry a role.
   */
  public IssuedCard cardWithRoleValue(Optional<String> roleValue) {
    KeyPair keys = CertificateAuthority.newP256KeyPair(random);
    return cardWith(keys, certificateWithRoleValue(roleValue, keys.getPublic()));
  }

  /** The certificate of {@link #cardWithRoleValue}, for the card key {@code cardKey}. */
  public byte[] certificateWithRoleValue(Optional<String> roleValue, PublicKey cardKey) {
    X500NameBuilder name =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.CN, "Test card " + roleValue.orElse("without a role"));
    roleValue.ifPresent(v -> name.addRDN(RoleOids.ROLE, new DERUTF8String(v)));
    name.addRDN(RoleOids.JURISDICTION, new DERUTF8String(JURISDICTION));
    try {
      X509CertificateHolder issuer = new X509CertificateHolder(ca.certificateDer());
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  issuer.getSubject(),
                  new BigInteger(127, random).setBit(126),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(Duration.ofDays(7))),
                  name.build(),
                  cardKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  new JcaX509ExtensionUtils()
                      .createAuthorityKeyIdentifier(issuer.getSubjectPublicKeyInfo()));
      return b.build(
              new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keyPair().getPrivate()))
          .getEncoded();
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("the test authority cannot sign: " + e, e);
    }
  }

  public TrustPolicy policy(Set<Role> roles, Set<String> revokedSerials) {
    return TrustPolicy.of(ca.certificateDer(), revokedSerials, roles, Optional.of(JURISDICTION));
  }

  public TrustPolicy policy() {
    return policy(Set.of(Role.POLL_WORKER, Role.TECHNICIAN, Role.ELECTION_MANAGER), Set.of());
  }
}
