package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.scene.control.Labeled;
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

  /** An authority-signed card naming no role, through pcscd: refused in words, audited. */
  @Test
  void anAuthoritySignedCardWithoutARoleIsRefusedInWordsThroughPcscd() throws Exception {
    insert(authority.cardWithRoleValue(java.util.Optional.empty()).virtualCard());
    waitForText("names no election role");
    assertThat(showing("screen-pin")).as("no PIN is asked").isFalse();
    remove();
    waitForText("No election loaded");
    assertThat(journal().lines().filter(l -> l.contains("operator-card-refused")).toList())
        .singleElement()
        .asString()
        .contains("NO_ROLE: no role attribute");
    assertThat(journal()).doesNotContain("operator-signed-in");
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

  /**
   * Long enough for pcscd to poll vpcd's slot and the station's reader to see what changed (a card
   * in the configured reader shows in well under a second). A second PC/SC client in this JVM
   * cannot prove it instead: the JDK shares one PC/SC context between readers, and pcsclite's
   * context is not safe for two threads waiting on it at once.
   */
  private static final Duration POLL = Duration.ofMillis(2000);

  @Test
  @ConfiguredReader("Virtual PCD 00 01")
  void theStationReadsCardsOnlyInTheConfiguredReader() throws Exception {
    VirtualPivCard card = authority.card(Role.POLL_WORKER).virtualCard();
    waitForText("No election loaded");
    try (VpcdCardConnection other = VpcdCardConnection.insert(card, pcscd.vpcdPort(), PATIENCE)) {
      Thread.sleep(POLL.toMillis());
      assertThat(showing("screen-pin")).as("a card in another reader opens nothing").isFalse();
      assertThat(journal()).doesNotContain("operator-card-inserted");
      assertThat(texts()).noneMatch(t -> t.contains("No card reader named"));
      assertThat(events.drain())
          .as("no event of the other reader reaches the station")
          .noneMatch(e -> e.reader().equals("Virtual PCD 00 00"));
      inserted = VpcdCardConnection.insert(card, pcscd.vpcdPort() + 1, PATIENCE);
      events.await(
          CardEvent.CardInserted.class, e -> e.reader().equals("Virtual PCD 00 01"), PATIENCE);
      waitFor("screen-pin");
      enterPin("pin", TestAuthority.PIN);
      waitFor("operator-header");
      remove();
      waitForText("No election loaded");
    }
    Thread.sleep(POLL.toMillis()); // pcscd sees the other reader's card go before the next story
  }

  @Test
  @ConfiguredReader("ACS ACR39U ICC Reader 00 00")
  void aConfiguredReaderThatIsNotConnectedIsNamedOnScreenAndOtherReadersOpenNothing()
      throws Exception {
    waitForText("No card reader named \"ACS ACR39U ICC Reader 00 00\" is connected");
    assertThat(texts())
        .anyMatch(t -> t.contains("Connected: Virtual PCD 00 00, Virtual PCD 00 01"));
    screenshot("card-reader-missing-en");
    try (VpcdCardConnection card =
        VpcdCardConnection.insert(
            authority.card(Role.POLL_WORKER).virtualCard(), pcscd.vpcdPort(), PATIENCE)) {
      Thread.sleep(POLL.toMillis());
      assertThat(showing("screen-pin")).isFalse();
      assertThat(journal()).doesNotContain("operator-card-inserted");
      assertThat(events.drain()).noneMatch(e -> e instanceof CardEvent.CardInserted);
    }
    Thread.sleep(POLL.toMillis()); // pcscd sees the card go before the next story
  }

  @Test
  void aPollWorkerChangesThePinAtFirstUseThroughPcscd() throws Exception {
    OperatorSessionStories.changeThePinAtFirstUse(this);
  }

  @Test
  void pullingTheCardAtEveryStepThroughPcscdSignsOutAndLeavesNothingHalfDone() throws Exception {
    OperatorSessionStories.pullTheCardAtEveryStep(this);
  }

  /** No operator's control, header or mode on the screen now. */
  private void noOperatorScreen(String when) {
    WaitForAsyncUtils.waitForFxEvents();
    boolean[] any = new boolean[1];
    interact(
        () ->
            any[0] =
                lookup(
                        n ->
                            n.getId() != null
                                && (n.getId().startsWith("pw-")
                                    || n.getId().startsWith("operator-")
                                    || n.getId().startsWith("pin-")
                                    || n.getId().startsWith("nav-")
                                    || n.getId().equals("service-mode")
                                    || n.getId().equals("poll-worker-mode")))
                    .tryQuery()
                    .isPresent());
    assertThat(any[0]).as("an operator's screen at " + when).isFalse();
  }

  private boolean passed(String check) {
    String[] classes = new String[1];
    interact(
        () -> classes[0] = String.join(" ", lookup("#check-" + check).query().getStyleClass()));
    return classes[0].contains("pass");
  }

  private String detail(String check) {
    String[] t = new String[1];
    interact(() -> t[0] = ((Labeled) lookup("#detail-" + check).query()).getText());
    return t[0];
  }

  /**
   * A voter casts a ballot the ledger never confirms (its validator is gone), seeing no operator
   * screen at any step; then a technician runs every diagnostic on the real card stack, and the
   * safe reset is refused while that ballot is not on the ledger.
   */
  @Test
  void aTechnicianRunsEveryDiagnosticThroughPcscdAndCannotResetWithAnUnsyncedBallot()
      throws Exception {
    VirtualPivCard worker = authority.card(Role.POLL_WORKER).virtualCard();
    PollDay.signIn(this, worker);
    tap("pw-load");
    tap("pw-load-confirm");
    tap("pw-home");
    tap("pw-open");
    waitFor("screen-done");
    ledger.close(); // the validator goes: the ballot cast now stays in the outbox
    tap("pw-home");
    tap("pw-activate");
    tap("pw-style-referendum-only");
    waitFor("screen-done");
    remove();
    waitFor("screen-language");
    noOperatorScreen("the language screen");
    tap("start");
    noOperatorScreen("the contest");
    tap("sel-yes");
    tap("next");
    waitFor("screen-review");
    noOperatorScreen("the review");
    tap("print");
    waitFor("screen-check");
    noOperatorScreen("the paper check");
    tap("cast");
    waitFor("screen-cast");
    noOperatorScreen("the cast screen");
    tap("finish");
    waitFor("screen-waiting");
    noOperatorScreen("the waiting screen");
    assertThat(station.counts().cast()).isEqualTo(1);
    printer.emulator().tearOff();

    insert(authority.card(Role.TECHNICIAN).virtualCard());
    enterPin("pin", TestAuthority.PIN);
    tap("pin-change-later");
    waitFor("service-mode");
    tap("run-all");
    waitFor("check-trust-policy");
    assertThat(passed("card-readers")).as(detail("card-readers")).isTrue();
    assertThat(detail("card-readers")).contains("Virtual PCD 00 00");
    assertThat(passed("card-apdu")).as(detail("card-apdu")).isTrue();
    assertThat(detail("card-apdu")).contains("Virtual PCD 00 00").contains("9000");
    assertThat(passed("printer")).as(detail("printer")).isTrue();
    assertThat(passed("disk")).as(detail("disk")).isTrue();
    assertThat(passed("trust-policy")).as(detail("trust-policy")).isTrue();
    assertThat(passed("ledger")).as("the validator is gone: " + detail("ledger")).isFalse();
    tap("touch-test");
    waitFor("touch-grid");
    List<String> cells = new java.util.ArrayList<>();
    interact(
        () ->
            lookup(n -> n.getId() != null && n.getId().startsWith("cell-"))
                .queryAll()
                .forEach(n -> cells.add(n.getId())));
    assertThat(cells).isNotEmpty();
    for (String c : cells) {
      tap(c);
    }
    waitFor("check-touchscreen");
    assertThat(passed("touchscreen")).isTrue();
    tap("print-test-page");
    waitFor("check-test-page");
    assertThat(passed("test-page")).as(detail("test-page")).isTrue();
    assertThat(printer.emulator().tearOff().errors()).isEmpty();
    screenshot("technician-diagnostics-pcsc-en");

    tap("nav-reset");
    waitFor("reset-state");
    String[] state = new String[1];
    interact(() -> state[0] = ((Labeled) lookup("#reset-state").query()).getText());
    assertThat(state[0]).contains("1");
    assertThat(lookup("#reset-start").query().isDisabled())
        .as("no reset while a ballot is not on the ledger")
        .isTrue();
    screenshot("technician-reset-refused-en");
    remove();
    waitForText("a poll worker will start your ballot");
    assertThat(station.ballotBox()).isPresent();
    assertThat(station.counts().cast()).isEqualTo(1);
    assertThat(auditActions()).contains("service-mode-opened").doesNotContain("station-reset");
  }
}
