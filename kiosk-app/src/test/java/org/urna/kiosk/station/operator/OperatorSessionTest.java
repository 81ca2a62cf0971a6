package org.urna.kiosk.station.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.urna.core.role.Role;
import org.urna.kiosk.station.operator.OperatorEvent.Activity;
import org.urna.kiosk.station.operator.OperatorEvent.CardBlocked;
import org.urna.kiosk.station.operator.OperatorEvent.CardRecognized;
import org.urna.kiosk.station.operator.OperatorEvent.CardRefused;
import org.urna.kiosk.station.operator.OperatorEvent.CardRemoved;
import org.urna.kiosk.station.operator.OperatorEvent.PinAccepted;
import org.urna.kiosk.station.operator.OperatorEvent.PinRejected;
import org.urna.kiosk.station.operator.OperatorEvent.SignOut;
import org.urna.kiosk.station.operator.OperatorEvent.Tick;
import org.urna.kiosk.station.operator.OperatorState.Blocked;
import org.urna.kiosk.station.operator.OperatorState.CheckingPin;
import org.urna.kiosk.station.operator.OperatorState.LoggedIn;
import org.urna.kiosk.station.operator.OperatorState.LoggedOut;
import org.urna.kiosk.station.operator.OperatorState.Refused;

class OperatorSessionTest {
  private static final Instant T0 = Instant.parse("2026-11-03T07:00:00Z");
  private static final OperatorCard POLL_WORKER =
      new OperatorCard(
          "CN=Anna Petrova,2.25.201484003493025595444646362483038676774.1.1=poll-worker",
          "0a1b",
          Role.POLL_WORKER);
  private static final OperatorCard MANAGER =
      new OperatorCard("CN=Ilya Sokolov", "77", Role.ELECTION_MANAGER);

  private final OperatorSession session = new OperatorSession(InactivityTimeout.ofMinutes(15));

  private OperatorSession.Step step(OperatorState s, OperatorEvent e) {
    return session.next(s, e);
  }

  @Test
  void aPollWorkerSignsInAfterAWrongPinAndEveryStepIsAudited() {
    var inserted = step(new LoggedOut(), new CardRecognized(POLL_WORKER, 3));
    assertThat(inserted.state()).isEqualTo(new CheckingPin(POLL_WORKER, 3));
    assertThat(inserted.audit())
        .contains(
            new AuditNote(
                Role.KIOSK, "operator-card-inserted", POLL_WORKER.subject() + " (serial 0a1b)"));

    var wrong = step(inserted.state(), new PinRejected(2));
    assertThat(wrong.state()).isEqualTo(new CheckingPin(POLL_WORKER, 2));
    assertThat(wrong.audit().orElseThrow().details()).endsWith("; 2 tries left");
    assertThat(OperatorState.prompt(wrong.state())).contains("2 tries left");

    var in = step(wrong.state(), new PinAccepted(T0));
    assertThat(in.state()).isEqualTo(new LoggedIn(POLL_WORKER, T0, T0));
    assertThat(((LoggedIn) in.state()).role()).isEqualTo(Role.POLL_WORKER);
    assertThat(in.audit().orElseThrow().role()).isEqualTo(Role.POLL_WORKER);
    assertThat(in.audit().orElseThrow().action()).isEqualTo("operator-signed-in");
    assertThat(in.audit().orElseThrow().details()).contains(POLL_WORKER.subject());
  }

  @Test
  void theLastTryIsAnnouncedAndABlockedCardWaitsToBeTakenOut() {
    var last = step(new CheckingPin(POLL_WORKER, 2), new PinRejected(1));
    assertThat(OperatorState.prompt(last.state())).contains("One try left");
    var blocked = step(last.state(), new CardBlocked());
    assertThat(blocked.state()).isEqualTo(new Blocked(POLL_WORKER));
    assertThat(blocked.audit().orElseThrow().action()).isEqualTo("operator-card-blocked");
    assertThat(OperatorState.prompt(blocked.state()))
        .contains("blocked")
        .contains("election manager must reset it");
    assertThat(session.accepts(blocked.state(), new PinAccepted(T0))).isFalse();
    assertThat(step(blocked.state(), new CardRemoved()).state()).isEqualTo(new LoggedOut());
  }

  @Test
  void aCardInsertedBlockedGoesStraightToBlocked() {
    assertThat(step(new LoggedOut(), new CardRecognized(POLL_WORKER, 0)).state())
        .isEqualTo(new Blocked(POLL_WORKER));
  }

  @Test
  void aRefusedCardIsAuditedWithItsReasonAndNeverReachesThePinPad() {
    var refused = step(new LoggedOut(), new CardRefused("This card is from another authority."));
    assertThat(refused.state()).isInstanceOf(Refused.class);
    assertThat(refused.audit().orElseThrow().action()).isEqualTo("operator-card-refused");
    assertThat(session.accepts(refused.state(), new PinAccepted(T0))).isFalse();
    assertThat(session.accepts(refused.state(), new PinRejected(2))).isFalse();
  }

  @Test
  void inactivityLogsOutAtTheTimeoutNotBefore() {
    LoggedIn in = new LoggedIn(MANAGER, T0, T0);
    var touched = step(in, new Activity(T0.plus(Duration.ofMinutes(10))));
    assertThat(touched.audit()).isEmpty();
    var early = step(touched.state(), new Tick(T0.plus(Duration.ofMinutes(24))));
    assertThat(early.state()).isEqualTo(touched.state());
    assertThat(early.audit()).isEmpty();
    var late = step(touched.state(), new Tick(T0.plus(Duration.ofMinutes(25))));
    assertThat(late.state()).isEqualTo(new LoggedOut());
    assertThat(late.audit().orElseThrow())
        .isEqualTo(
            new AuditNote(
                Role.ELECTION_MANAGER,
                "operator-signed-out",
                "CN=Ilya Sokolov (serial 77); inactive for 15 min"));
  }

  @Test
  void anOlderTapDoesNotMoveTheActivityTimeBack() {
    LoggedIn in = new LoggedIn(MANAGER, T0, T0.plusSeconds(60));
    assertThat(step(in, new Activity(T0)).state()).isEqualTo(in);
  }

  @Test
  void theInactivityTimeoutIsTenToThirtyMinutes() {
    assertThat(InactivityTimeout.ofMinutes(10).value()).isEqualTo(Duration.ofMinutes(10));
    assertThat(InactivityTimeout.ofMinutes(30).value()).isEqualTo(Duration.ofMinutes(30));
    assertThatThrownBy(() -> InactivityTimeout.ofMinutes(9))
        .hasMessageContaining("10 to 30 minutes, not 9 minutes");
    assertThatThrownBy(() -> new InactivityTimeout(Duration.ofSeconds(1801)))
        .hasMessageContaining("1801 seconds");
    assertThatThrownBy(() -> new InactivityTimeout(null)).hasMessageContaining("nothing");
  }

  @Test
  void eventsAStateDoesNotTakeAreRefusedByName() {
    assertThatThrownBy(() -> step(new LoggedOut(), new PinAccepted(T0)))
        .isInstanceOf(IllegalOperatorTransition.class)
        .hasMessageContaining("PinAccepted while LoggedOut");
    assertThatThrownBy(() -> step(new LoggedIn(MANAGER, T0, T0), new CardRecognized(MANAGER, 3)))
        .isInstanceOf(IllegalOperatorTransition.class);
    assertThatThrownBy(() -> step(new CheckingPin(MANAGER, 3), new SignOut(T0)))
        .isInstanceOf(IllegalOperatorTransition.class);
  }

  @Test
  void noCardCarriesTheStationsOwnRole() {
    assertThatThrownBy(() -> new OperatorCard("CN=x", "1", Role.KIOSK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- properties over any sequence of events ----

  @Provide
  Arbitrary<List<OperatorEvent>> events() {
    Arbitrary<OperatorCard> cards = Arbitraries.of(POLL_WORKER, MANAGER);
    Arbitrary<Instant> times = Arbitraries.longs().between(0, 3 * 3600).map(s -> T0.plusSeconds(s));
    Arbitrary<OperatorEvent> one =
        Arbitraries.oneOf(
            Combinators.combine(cards, Arbitraries.integers().between(0, 3))
                .as(CardRecognized::new),
            Arbitraries.just(new CardRefused("refused")),
            times.map(PinAccepted::new),
            Arbitraries.integers().between(1, 3).map(PinRejected::new),
            Arbitraries.just(new CardBlocked()),
            Arbitraries.just(new CardRemoved()),
            times.map(Activity::new),
            times.map(Tick::new),
            times.map(SignOut::new));
    return one.list().ofMaxSize(40);
  }

  /** Runs the events a state takes (skipping the others) and records each step. */
  private List<OperatorSession.Step> run(List<OperatorEvent> events, List<OperatorState> before) {
    OperatorState s = new LoggedOut();
    List<OperatorSession.Step> steps = new ArrayList<>();
    for (OperatorEvent e : events) {
      if (session.accepts(s, e)) {
        before.add(s);
        OperatorSession.Step step = session.next(s, e);
        steps.add(step);
        s = step.state();
      }
    }
    return steps;
  }

  @Property
  void takingTheCardOutAlwaysLogsOut(@ForAll("events") List<OperatorEvent> events) {
    OperatorState s = new LoggedOut();
    for (OperatorEvent e : events) {
      if (session.accepts(s, e)) {
        s = session.next(s, e).state();
      }
      if (!(s instanceof LoggedOut)) {
        assertThat(session.accepts(s, new CardRemoved())).isTrue();
        assertThat(session.next(s, new CardRemoved()).state()).isEqualTo(new LoggedOut());
      }
    }
  }

  @Property
  void everyChangeOfStateIsAuditedOnceAndNothingElseIs(
      @ForAll("events") List<OperatorEvent> events) {
    List<OperatorState> before = new ArrayList<>();
    List<OperatorSession.Step> steps = run(events, before);
    for (int i = 0; i < steps.size(); i++) {
      OperatorSession.Step step = steps.get(i);
      boolean changedKind = !step.state().getClass().equals(before.get(i).getClass());
      boolean triesChanged =
          step.state() instanceof CheckingPin c
              && before.get(i) instanceof CheckingPin b
              && c.triesLeft() != b.triesLeft();
      if (changedKind || triesChanged) {
        assertThat(step.audit()).as(before.get(i) + " -> " + step.state()).isPresent();
      }
      if (step.state().equals(before.get(i))
          || step.state() instanceof LoggedIn && before.get(i) instanceof LoggedIn) {
        assertThat(step.audit()).isEmpty();
      }
      step.audit()
          .ifPresent(
              a -> {
                assertThat(a.action()).matches("[a-z][a-z0-9-]{0,63}");
                assertThat(a.details().length()).isLessThanOrEqualTo(1000);
              });
    }
  }

  @Property
  void onlyAProvenPinOpensTheOperatorScreensAndOnlyAsTheCardsRole(
      @ForAll("events") List<OperatorEvent> events) {
    List<OperatorState> before = new ArrayList<>();
    List<OperatorSession.Step> steps = run(events, before);
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).state() instanceof LoggedIn in && !(before.get(i) instanceof LoggedIn)) {
        assertThat(before.get(i)).isInstanceOf(CheckingPin.class);
        assertThat(in.card()).isEqualTo(((CheckingPin) before.get(i)).card());
        assertThat(steps.get(i).audit().map(AuditNote::role)).isEqualTo(Optional.of(in.role()));
      }
      if (before.get(i) instanceof Blocked || before.get(i) instanceof Refused) {
        assertThat(steps.get(i).state())
            .isInstanceOfAny(Blocked.class, Refused.class, LoggedOut.class);
      }
    }
  }

  @Property
  void aSignedInSessionNeverOutlivesTheTimeoutAtATick(
      @ForAll("events") List<OperatorEvent> events) {
    OperatorState s = new LoggedOut();
    for (OperatorEvent e : events) {
      if (!session.accepts(s, e)) {
        continue;
      }
      s = session.next(s, e).state();
      if (e instanceof Tick(var now) && s instanceof LoggedIn in) {
        assertThat(Duration.between(in.lastActivity(), now)).isLessThan(Duration.ofMinutes(15));
      }
    }
  }

  @Test
  void anElectionManagerResetsABlockedCardAndEveryStepNamesBothCards() {
    var in = step(new LoggedOut(), new CardRecognized(MANAGER, 3));
    var signedIn = step(in.state(), new PinAccepted(T0));
    assertThat(signedIn.state()).isInstanceOf(LoggedIn.class);
    var asked =
        step(
            signedIn.state(),
            new OperatorEvent.CardResetRequested(T0.plusSeconds(5), Duration.ofMinutes(2)));
    assertThat(asked.state())
        .isEqualTo(new OperatorState.AwaitingCardToReset(MANAGER, T0.plusSeconds(125)));
    assertThat(asked.audit()).map(AuditNote::action).contains("card-reset-started");
    var managerOut = step(asked.state(), new CardRemoved());
    assertThat(managerOut.state()).as("the manager's card may leave").isEqualTo(asked.state());
    assertThat(managerOut.audit()).isEmpty();
    var blocked = step(managerOut.state(), new CardRecognized(POLL_WORKER, 0));
    assertThat(blocked.state())
        .isEqualTo(new OperatorState.ResettingCard(MANAGER, POLL_WORKER, T0.plusSeconds(125)));
    assertThat(blocked.audit().orElseThrow().details())
        .contains(POLL_WORKER.subject())
        .contains(MANAGER.subject());
    var wrongPuk = step(blocked.state(), new OperatorEvent.PukRejected(2));
    assertThat(wrongPuk.state()).isEqualTo(blocked.state());
    assertThat(wrongPuk.audit()).map(AuditNote::action).contains("operator-card-puk-wrong");
    var done = step(wrongPuk.state(), new OperatorEvent.CardResetDone());
    assertThat(done.state()).isEqualTo(new LoggedOut());
    assertThat(done.audit()).map(AuditNote::role).contains(Role.ELECTION_MANAGER);
    assertThat(done.audit()).map(AuditNote::action).contains("operator-card-reset");
  }

  @Test
  void onlyAnElectionManagerMayStartACardResetAndItEndsWhenTheWindowPasses() {
    var pw =
        step(
            step(new LoggedOut(), new CardRecognized(POLL_WORKER, 3)).state(), new PinAccepted(T0));
    assertThat(
            session.accepts(
                pw.state(), new OperatorEvent.CardResetRequested(T0, Duration.ofMinutes(2))))
        .isFalse();
    var waiting = new OperatorState.AwaitingCardToReset(MANAGER, T0.plusSeconds(120));
    assertThat(step(waiting, new Tick(T0.plusSeconds(119))).state()).isEqualTo(waiting);
    var late = step(waiting, new Tick(T0.plusSeconds(120)));
    assertThat(late.state()).isEqualTo(new LoggedOut());
    assertThat(late.audit()).map(AuditNote::action).contains("card-reset-abandoned");
    var resetting = new OperatorState.ResettingCard(MANAGER, POLL_WORKER, T0.plusSeconds(120));
    assertThat(step(resetting, new CardRemoved()).state()).isEqualTo(new LoggedOut());
    assertThat(step(resetting, new SignOut(T0)).audit())
        .map(AuditNote::action)
        .contains("card-reset-abandoned");
    assertThat(session.accepts(resetting, new PinAccepted(T0))).isFalse();
  }

  @Test
  void aCardThatFailsTheChallengeAfterItsPinIsRefusedNotSignedIn() {
    var checking = new CheckingPin(POLL_WORKER, 3);
    var refused = step(checking, new CardRefused("could not prove its key"));
    assertThat(refused.state()).isEqualTo(new Refused("could not prove its key"));
    assertThat(refused.audit()).map(AuditNote::action).contains("operator-card-refused");
  }
}
