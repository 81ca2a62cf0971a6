package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.util.WaitForAsyncUtils;
import org.urna.core.role.Role;
import org.urna.hardware.card.CardEvent;
import org.urna.hardware.card.CardEventListener;
import org.urna.hardware.card.CardIoException;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.card.CardTask;
import org.urna.hardware.card.EventLog;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.pcsc.PcscCardReader;
import org.urna.hardware.card.pcsc.PcscdFixture;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.hardware.card.virtual.VpcdCardConnection;
import org.urna.kiosk.config.StationConfig.CardReaderChoice;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.polls.PollsState;
import org.urna.kiosk.station.operator.OperatorState;

/**
 * The operator's stories through the real card stack: javax.smartcardio, pcscd, the vpcd driver and
 * the virtual PIV card on the far side of vpcd's socket. The day of a poll worker, a card blocked
 * and reset by an election manager, and pcscd restarted in the middle of the day.
 */
class PcscOperatorStoriesTest extends StationStory {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static PcscdFixture pcscd;
  private final EventLog events = new EventLog();
  private VpcdCardConnection inserted;
  private String stationReader;

  /** The reader the station is configured to read cards in (card.reader.name), for one story. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface ConfiguredReader {
    String value();
  }

  /** Runs before the station opens its reader (before StationStory's @BeforeEach). */
  @RegisterExtension
  final BeforeEachCallback configuredReader =
      ctx ->
          stationReader =
              ctx.getRequiredTestMethod().isAnnotationPresent(ConfiguredReader.class)
                  ? ctx.getRequiredTestMethod().getAnnotation(ConfiguredReader.class).value()
                  : null;

  @BeforeAll
  static void startPcscd() throws Exception {
    pcscd = PcscdFixture.start(Path.of("target", "pcscd-operator"));
  }

  @AfterAll
  static void stopPcscd() {
    if (pcscd != null) {
      pcscd.close();
    }
  }

  /** The PC/SC reader, its events also copied to this story's log (to wait for a card). */
  @Override
  CardReader openReader() {
    CardReader pcsc =
        stationReader == null
            ? PcscCardReader.create()
            : StationContext.CardReaderFactory.of(new CardReaderChoice.Pcsc(stationReader)).open();
    return new CardReader() {
      @Override
      public void start(CardEventListener listener) {
        pcsc.start(
            e -> {
              events.onEvent(e);
              listener.onEvent(e);
            });
      }

      @Override
      public List<String> readers() {
        return pcsc.readers();
      }

      @Override
      public <T> T withCard(String reader, CardTask<T> task, Duration timeout)
          throws CardIoException {
        return pcsc.withCard(reader, task, timeout);
      }

      @Override
      public void close() {
        pcsc.close();
      }
    };
  }

  @Override
  void insert(VirtualPivCard card) throws Exception {
    if (inserted != null) {
      remove();
    }
    events.drain();
    inserted = VpcdCardConnection.insert(card, pcscd.vpcdPort(), PATIENCE);
    events.await(CardEvent.CardInserted.class, e -> true, PATIENCE);
  }

  @Override
  void remove() throws Exception {
    if (inserted == null) {
      return;
    }
    events.drain();
    inserted.close();
    inserted = null;
    events.await(CardEvent.CardRemoved.class, e -> true, PATIENCE);
  }

  @Test
  void aPollWorkersDayThroughPcscd() throws Exception {
    VirtualPivCard card = authority.card(Role.POLL_WORKER).virtualCard();
    insert(card);
    waitFor("screen-pin");
    enterPin("pin", "000000");
    waitForText("2 tries left");
    remove();
    PollDay.run(this, card, 3);
    assertThat(journal()).doesNotContain(TestAuthority.PIN).doesNotContain("000000");
  }

  @Test
  void aCardBlockedByWrongPinsIsResetByAnElectionManagerThroughPcscd() throws Exception {
    VirtualPivCard worker = authority.card(Role.POLL_WORKER).virtualCard();
    VirtualPivCard manager = authority.card(Role.ELECTION_MANAGER).virtualCard();
    insert(worker);
    enterPin("pin", "000000");
    waitForText("2 tries left");
    enterPin("pin", "000001");
    waitForText("One try left");
    enterPin("pin", "000002");
    waitFor("screen-card-blocked");
    remove();
    insert(manager);
    enterPin("pin", TestAuthority.PIN);
    tap("pin-change-later");
    tap("manager-reset");
    waitFor("screen-reset-insert");
    remove();
    insert(worker);
    waitFor("screen-card-reset");
    enterPin("reset", TestAuthority.PUK);
    enterPin("reset", "13572468");
    enterPin("reset", "13572468");
    waitForText("The card is reset");
    remove();
    insert(worker);
    enterPin("pin", "13572468");
    waitFor("screen-pin-change-offer");
  }

  @Test
  void pcscdRestartedMidDaySignsTheOperatorOutAndTheNextCardWorks() throws Exception {
    VirtualPivCard card = authority.card(Role.POLL_WORKER).virtualCard();
    PollDay.signIn(this, card);
    tap("pw-load");
    tap("pw-load-confirm");
    tap("pw-home");
    tap("pw-open");
    waitFor("screen-done");
    assertThat(station.pollsState()).isEqualTo(PollsState.OPEN);

    events.drain();
    pcscd.stop();
    events.await(CardEvent.ServiceUnavailable.class, e -> true, PATIENCE);
    waitForText("Card reader:");
    waitForText("a poll worker will start your ballot");
    OperatorState[] s = new OperatorState[1];
    interact(() -> s[0] = shell.state());
    assertThat(s[0])
        .as("no operator stays signed in without the card service")
        .isInstanceOf(OperatorState.LoggedOut.class);
    screenshot("card-service-stopped-en");
    inserted.close();
    inserted = null;
    pcscd.startAgain();
    events.await(CardEvent.ServiceRestored.class, e -> true, PATIENCE);

    PollDay.signIn(this, card);
    tap("pw-activate");
    tap("pw-style-referendum-only");
    waitFor("screen-done");
    remove();
    waitFor("screen-language");
    assertThat(station.pollsState()).isEqualTo(PollsState.OPEN);
  }

  /** What a second PC/SC client sees: proof that pcscd saw a card the station ignores. */
  private static EventLog watchEveryReader(PcscCardReader all) {
    EventLog seen = new EventLog();
    all.start(seen::onEvent);
    return seen;
  }

  @Test
  @ConfiguredReader("Virtual PCD 00 01")
  void theStationReadsCardsOnlyInTheConfiguredReader() throws Exception {
    VirtualPivCard card = authority.card(Role.POLL_WORKER).virtualCard();
    try (PcscCardReader all = PcscCardReader.create()) {
      EventLog seen = watchEveryReader(all);
      try (VpcdCardConnection other = VpcdCardConnection.insert(card, pcscd.vpcdPort(), PATIENCE)) {
        seen.await(
            CardEvent.CardInserted.class, e -> e.reader().equals("Virtual PCD 00 00"), PATIENCE);
        waitForText("No election loaded");
        assertThat(showing("screen-pin")).as("a card in another reader opens nothing").isFalse();
        assertThat(journal()).doesNotContain("operator-card-inserted");
        assertThat(texts()).noneMatch(t -> t.contains("No card reader named"));
      }
      events.drain();
      inserted = VpcdCardConnection.insert(card, pcscd.vpcdPort() + 1, PATIENCE);
      events.await(
          CardEvent.CardInserted.class, e -> e.reader().equals("Virtual PCD 00 01"), PATIENCE);
      waitFor("screen-pin");
      enterPin("pin", TestAuthority.PIN);
      waitFor("operator-header");
      remove();
      waitForText("No election loaded");
    }
  }

  @Test
  @ConfiguredReader("ACS ACR39U ICC Reader 00 00")
  void aConfiguredReaderThatIsNotConnectedIsNamedOnScreenAndOtherReadersOpenNothing()
      throws Exception {
    waitForText("No card reader named \"ACS ACR39U ICC Reader 00 00\" is connected");
    assertThat(texts())
        .anyMatch(t -> t.contains("Connected: Virtual PCD 00 00, Virtual PCD 00 01"));
    screenshot("card-reader-missing-en");
    try (PcscCardReader all = PcscCardReader.create();
        VpcdCardConnection card =
            VpcdCardConnection.insert(
                authority.card(Role.POLL_WORKER).virtualCard(), pcscd.vpcdPort(), PATIENCE)) {
      watchEveryReader(all)
          .await(CardEvent.CardInserted.class, e -> e.reader().endsWith(" 00 00"), PATIENCE);
      WaitForAsyncUtils.waitForFxEvents();
      assertThat(showing("screen-pin")).isFalse();
      assertThat(journal()).doesNotContain("operator-card-inserted");
    }
  }
}
