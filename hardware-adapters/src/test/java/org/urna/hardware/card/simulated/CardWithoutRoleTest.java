package org.urna.hardware.card.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urna.hardware.card.CardEvent;
import org.urna.hardware.card.EventLog;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.role.CardCheck;
import org.urna.hardware.card.role.RefusalReason;
import org.urna.hardware.card.role.RoleCardAuthenticator;
import org.urna.hardware.card.role.RoleCertificateException;
import org.urna.hardware.card.role.RoleCertificateParser;
import org.urna.hardware.card.role.RoleOids;

/**
 * Cards whose certificate the election authority really signed but that carry no Urna role, or a
 * role value Urna does not know: the test authority makes them (its {@code issue} cannot), and the
 * kiosk's check refuses each with {@code NO_ROLE} and the sentence for its holder, on the simulated
 * reader.
 */
class CardWithoutRoleTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestAuthority authority = new TestAuthority();
  private final SimulatedCardReader reader = new SimulatedCardReader();
  private final EventLog events = new EventLog();
  private final RoleCardAuthenticator auth =
      new RoleCardAuthenticator(authority.policy(), Clock.systemUTC(), authority.random);

  @AfterEach
  void close() {
    reader.close();
  }

  @Test
  void theTestAuthoritySignsCertificatesWithoutARoleOrWithAnUnknownOne() throws Exception {
    for (Optional<String> value :
        java.util.List.of(Optional.<String>empty(), Optional.of("observer"))) {
      byte[] der = authority.cardWithRoleValue(value).certificate();
      X509CertificateHolder h = new X509CertificateHolder(der);
      assertThat(
              h.isSignatureValid(
                  new JcaContentVerifierProviderBuilder()
                      .build(new X509CertificateHolder(authority.ca.certificateDer()))))
          .as("signed by the authority")
          .isTrue();
      assertThat(h.getIssuer())
          .isEqualTo(new X509CertificateHolder(authority.ca.certificateDer()).getSubject());
      assertThat(h.getSubject().getRDNs(RoleOids.ROLE)).hasSize(value.isPresent() ? 1 : 0);
      assertThat(h.getSubject().getRDNs(RoleOids.JURISDICTION)).hasSize(1);
      assertThatThrownBy(() -> RoleCertificateParser.parse(der))
          .isInstanceOfSatisfying(
              RoleCertificateException.class,
              e -> assertThat(e.reason()).isEqualTo(RefusalReason.NO_ROLE))
          .hasMessageContaining(value.isPresent() ? "unknown role value" : "no role attribute");
    }
  }

  @Test
  void theKiosksCheckRefusesThemWithNoRoleOnTheSimulatedReader() throws Exception {
    reader.start(events);
    events.await(CardEvent.ReaderAttached.class, WAIT);
    for (Optional<String> value :
        java.util.List.of(Optional.<String>empty(), Optional.of("observer"))) {
      reader.insert(authority.cardWithRoleValue(value).virtualCard());
      events.await(CardEvent.CardInserted.class, WAIT);
      CardCheck check = auth.identify(reader, SimulatedCardReader.READER_NAME, WAIT);
      assertThat(check)
          .isInstanceOfSatisfying(
              CardCheck.Refused.class,
              r -> assertThat(r.reason()).isEqualTo(RefusalReason.NO_ROLE));
      assertThat(RefusalReason.NO_ROLE.message()).contains("names no election role");
      reader.remove();
      events.await(CardEvent.CardRemoved.class, WAIT);
    }
  }
}
