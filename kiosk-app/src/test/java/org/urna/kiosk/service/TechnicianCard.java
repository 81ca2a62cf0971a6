package org.urna.kiosk.service;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.urna.core.role.Role;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.Puk;
import org.urna.hardware.card.role.CertificateAuthority;
import org.urna.hardware.card.role.RoleCertificateRequest;
import org.urna.hardware.card.virtual.CardState;
import org.urna.hardware.card.virtual.CardStateStore;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.kiosk.station.operator.OperatorCard;

/** A technician's virtual PIV card, issued by a test card authority. */
final class TechnicianCard {
  static final OperatorCard CARD = new OperatorCard("Test technician", "0a1b", Role.TECHNICIAN);

  private TechnicianCard() {}

  static VirtualPivCard issue() {
    SecureRandom random = new SecureRandom();
    Instant now = Instant.now();
    CertificateAuthority ca =
        CertificateAuthority.create(
            "Test card authority",
            now.minus(Duration.ofDays(1)),
            now.plus(Duration.ofDays(30)),
            random);
    KeyPair keys = CertificateAuthority.newP256KeyPair(random);
    byte[] cert =
        ca.issue(
            new RoleCertificateRequest(
                "Test technician",
                Role.TECHNICIAN,
                "test-district-7",
                Optional.empty(),
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(7))),
            keys.getPublic());
    CardState state =
        CardState.issue(
            cert, keys.getPrivate().getEncoded(), Pin.of("123456"), Puk.of("12345678"), random);
    return new VirtualPivCard(state, CardStateStore.inMemory());
  }
}
