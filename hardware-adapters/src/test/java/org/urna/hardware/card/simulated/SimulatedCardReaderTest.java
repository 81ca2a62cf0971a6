package org.urna.hardware.card.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urna.core.role.Role;
import org.urna.hardware.card.CardEvent;
import org.urna.hardware.card.CardFault;
import org.urna.hardware.card.CardIoException;
import org.urna.hardware.card.EventLog;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.piv.Pin;
import org.urna.hardware.card.piv.PivClient;
import org.urna.hardware.card.role.AuthenticationResult;
import org.urna.hardware.card.role.CardCheck;
import org.urna.hardware.card.role.RoleCardAuthenticator;

class SimulatedCardReaderTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String READER = SimulatedCardReader.READER_NAME;

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
  void technicianSignsInOnTheSimulatedReader() throws Exception {
    reader.start(events);
    events.await(CardEvent.ReaderAttached.class, WAIT);
    reader.insert(authority.card(Role.TECHNICIAN).virtualCard());
    events.await(CardEvent.CardInserted.class, WAIT);

    CardCheck check = auth.identify(reader, READER, WAIT);
    var cert = ((CardCheck.Recognized) check).certificate();
    AuthenticationResult r =
        auth.authenticate(reader, READER, cert, Pin.of(TestAuthority.PIN), WAIT);

    assertThat(r)
        .isInstanceOfSatisfying(
            AuthenticationResult.Authenticated.class,
            a -> assertThat(a.session().role()).isEqualTo(Role.TECHNICIAN));
  }

  @Test
  void cardPulledDuringATaskFailsItWithCardRemoved() throws Exception {
    reader.start(events);
    reader.insert(authority.card(Role.POLL_WORKER).virtualCard());
    events.await(CardEvent.CardInserted.class, WAIT);
    assertThatThrownBy(
            () ->
                reader.withCard(
                    READER,
                    ch -> {
                      PivClient piv = new PivClient(ch);
                      piv.select();
                      reader.remove();
                      return piv.pinStatus();
                    },
                    WAIT))
        .isInstanceOfSatisfying(
            CardIoException.class, e -> assertThat(e.fault()).isEqualTo(CardFault.CARD_REMOVED));
    events.await(CardEvent.CardRemoved.class, WAIT);
    assertThat(auth.identify(reader, READER, WAIT))
        .isEqualTo(new CardCheck.Failed(CardFault.NO_CARD, "NO_CARD: no card in " + READER));
  }

  @Test
  void unpluggedReaderAndStoppedServiceAreEventsAndFaults() throws Exception {
    reader.start(events);
    reader.insert(authority.card(Role.POLL_WORKER).virtualCard());
    reader.detachReader();
    events.await(CardEvent.CardRemoved.class, WAIT);
    events.await(CardEvent.ReaderDetached.class, WAIT);
    assertThat(((CardCheck.Failed) auth.identify(reader, READER, WAIT)).fault())
        .isEqualTo(CardFault.READER_UNAVAILABLE);

    reader.attachReader();
    events.await(CardEvent.ReaderAttached.class, WAIT);
    reader.stopService();
    CardEvent.ServiceUnavailable gone = events.await(CardEvent.ServiceUnavailable.class, WAIT);
    assertThat(gone.message()).contains("restart the kiosk");
    assertThat(((CardCheck.Failed) auth.identify(reader, READER, WAIT)).fault())
        .isEqualTo(CardFault.SERVICE_UNAVAILABLE);
  }

  @Test
  void aTaskThatDoesNotFinishInTimeIsATimeoutNotAHang() {
    reader.start(events);
    reader.insert(authority.card(Role.POLL_WORKER).virtualCard());
    assertThatThrownBy(
            () ->
                reader.withCard(
                    READER,
                    ch -> {
                      try {
                        Thread.sleep(5000);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return null;
                    },
                    Duration.ofMillis(200)))
        .isInstanceOfSatisfying(
            CardIoException.class, e -> assertThat(e.fault()).isEqualTo(CardFault.TIMEOUT));
  }
}
