package org.urna.kiosk.station.operator;

import java.time.Duration;
import java.util.Optional;
import org.urna.core.role.Role;
import org.urna.kiosk.station.operator.OperatorEvent.Activity;
import org.urna.kiosk.station.operator.OperatorEvent.CardBlocked;
import org.urna.kiosk.station.operator.OperatorEvent.CardRecognized;
import org.urna.kiosk.station.operator.OperatorEvent.CardRefused;
import org.urna.kiosk.station.operator.OperatorEvent.CardRemoved;
import org.urna.kiosk.station.operator.OperatorEvent.CardResetDone;
import org.urna.kiosk.station.operator.OperatorEvent.CardResetRequested;
import org.urna.kiosk.station.operator.OperatorEvent.PinAccepted;
import org.urna.kiosk.station.operator.OperatorEvent.PinRejected;
import org.urna.kiosk.station.operator.OperatorEvent.PukRejected;
import org.urna.kiosk.station.operator.OperatorEvent.SignOut;
import org.urna.kiosk.station.operator.OperatorEvent.Tick;
import org.urna.kiosk.station.operator.OperatorState.AwaitingCardToReset;
import org.urna.kiosk.station.operator.OperatorState.Blocked;
import org.urna.kiosk.station.operator.OperatorState.CheckingPin;
import org.urna.kiosk.station.operator.OperatorState.LoggedIn;
import org.urna.kiosk.station.operator.OperatorState.LoggedOut;
import org.urna.kiosk.station.operator.OperatorState.Refused;
import org.urna.kiosk.station.operator.OperatorState.ResettingCard;

/**
 * The operator-session rules as one pure function (docs/decisions/0312, like the voter's {@code
 * StationMachine}, docs/decisions/0301): (state, event) → the next state and the audit entry the
 * change needs. Logged out → checking PIN → logged in as poll worker, technician or election
 * manager; taking the card out always logs out; a signed-in session untouched for the inactivity
 * timeout logs out (a card still in is read again by the caller, which asks for the PIN anew); a
 * blocked card stays blocked until it is taken out.
 *
 * <p>Every change of state yields exactly one {@link AuditNote} naming the card by its certificate
 * subject; an event that changes nothing (a tap that only refreshes the activity time, a tick
 * before the timeout) yields none. An event a state does not take throws {@link
 * IllegalOperatorTransition}; {@link #accepts} asks first.
 */
public final class OperatorSession {
  private final Duration timeout;

  public OperatorSession(InactivityTimeout timeout) {
    this.timeout = timeout.value();
  }

  /** The next state and, when the state changed, the audit entry to append. */
  public record Step(OperatorState state, Optional<AuditNote> audit) {
    static Step quiet(OperatorState state) {
      return new Step(state, Optional.empty());
    }

    static Step audited(OperatorState state, Role role, String action, String details) {
      return new Step(state, Optional.of(new AuditNote(role, action, clip(details))));
    }
  }

  public boolean accepts(OperatorState state, OperatorEvent event) {
    try {
      next(state, event);
      return true;
    } catch (IllegalOperatorTransition e) {
      return false;
    }
  }

  public Step next(OperatorState state, OperatorEvent event) {
    Step step =
        switch (state) {
          case LoggedOut l ->
              switch (event) {
                case CardRecognized(var card, int left) -> recognized(card, left);
                case CardRefused(var reason, var audited) ->
                    Step.audited(new Refused(reason), Role.KIOSK, "operator-card-refused", audited);
                case Tick t -> Step.quiet(state);
                case Activity a -> Step.quiet(state);
                default -> null;
              };
          case CheckingPin(var card, int left) ->
              switch (event) {
                case PinAccepted(var at) ->
                    Step.audited(
                        new LoggedIn(card, at, at),
                        card.role(),
                        "operator-signed-in",
                        card.audited());
                // A wrong PIN spends a try: a card whose counter did not go down is not believed.
                case PinRejected(int now) when now >= 1 && now < left ->
                    Step.audited(
                        new CheckingPin(card, now),
                        Role.KIOSK,
                        "operator-pin-wrong",
                        card.audited() + "; " + now + (now == 1 ? " try" : " tries") + " left");
                case CardBlocked b ->
                    Step.audited(
                        new Blocked(card), Role.KIOSK, "operator-card-blocked", card.audited());
                // The card failed the challenge after its PIN: it is refused, not signed in.
                case CardRefused(var reason, var audited) ->
                    Step.audited(
                        new Refused(reason),
                        Role.KIOSK,
                        "operator-card-refused",
                        card.audited() + "; " + audited);
                case CardRemoved r ->
                    Step.audited(
                        new LoggedOut(), Role.KIOSK, "operator-card-removed", card.audited());
                case Tick t -> Step.quiet(state);
                case Activity a -> Step.quiet(state);
                default -> null;
              };
          case Blocked(var card) ->
              switch (event) {
                case CardRemoved r ->
                    Step.audited(
                        new LoggedOut(), Role.KIOSK, "operator-card-removed", card.audited());
                case Tick t -> Step.quiet(state);
                case Activity a -> Step.quiet(state);
                default -> null;
              };
          case Refused r ->
              switch (event) {
                case CardRemoved c ->
                    Step.audited(new LoggedOut(), Role.KIOSK, "operator-card-removed", r.reason());
                case Tick t -> Step.quiet(state);
                case Activity a -> Step.quiet(state);
                default -> null;
              };
          case LoggedIn(var card, var since, var last) ->
              switch (event) {
                case CardRemoved r ->
                    Step.audited(
                        new LoggedOut(),
                        card.role(),
                        "operator-signed-out",
                        card.audited() + "; card removed");
                case SignOut s ->
                    Step.audited(
                        new LoggedOut(),
                        card.role(),
                        "operator-signed-out",
                        card.audited() + "; signed out");
                case Activity(var at) ->
                    Step.quiet(at.isAfter(last) ? new LoggedIn(card, since, at) : state);
                case CardResetRequested(var at, var window)
                    when card.role() == Role.ELECTION_MANAGER ->
                    Step.audited(
                        new AwaitingCardToReset(card, at.plus(window)),
                        card.role(),
                        "card-reset-started",
                        card.audited());
                case Tick(var now) ->
                    Duration.between(last, now).compareTo(timeout) >= 0
                        ? Step.audited(
                            new LoggedOut(),
                            card.role(),
                            "operator-signed-out",
                            card.audited()
                                + "; inactive for "
                                + Duration.between(last, now).toMinutes()
                                + " min")
                        : Step.quiet(state);
                default -> null;
              };
          case AwaitingCardToReset(var manager, var until) ->
              switch (event) {
                // The manager's own card leaving is expected here.
                case CardRemoved r -> Step.quiet(state);
                case CardRecognized(var card, int left) ->
                    Step.audited(
                        new ResettingCard(manager, card, until),
                        manager.role(),
                        "card-reset-card-inserted",
                        card.audited()
                            + "; by "
                            + manager.audited()
                            + "; "
                            + left
                            + " PIN tries left");
                case CardRefused(var reason, var audited) ->
                    Step.audited(new Refused(reason), Role.KIOSK, "operator-card-refused", audited);
                case Tick(var now) -> expired(state, manager, until, now);
                case Activity a -> Step.quiet(state);
                case SignOut s ->
                    Step.audited(
                        new LoggedOut(), manager.role(), "card-reset-abandoned", manager.audited());
                default -> null;
              };
          case ResettingCard(var manager, var card, var until) ->
              switch (event) {
                case CardResetDone d ->
                    Step.audited(
                        new LoggedOut(),
                        manager.role(),
                        "operator-card-reset",
                        card.audited() + "; by " + manager.audited());
                case PukRejected(int left) ->
                    Step.audited(
                        state,
                        manager.role(),
                        left == 0 ? "operator-card-puk-blocked" : "operator-card-puk-wrong",
                        card.audited() + "; " + left + (left == 1 ? " try" : " tries") + " left");
                case CardRemoved r ->
                    Step.audited(
                        new LoggedOut(),
                        manager.role(),
                        "card-reset-abandoned",
                        card.audited() + "; card removed");
                case SignOut s ->
                    Step.audited(
                        new LoggedOut(),
                        manager.role(),
                        "card-reset-abandoned",
                        card.audited() + "; cancelled");
                case Tick(var now) -> expired(state, manager, until, now);
                case Activity a -> Step.quiet(state);
                default -> null;
              };
        };
    if (step == null) {
      throw new IllegalOperatorTransition(state, event);
    }
    return step;
  }

  private static Step expired(
      OperatorState state, OperatorCard manager, java.time.Instant until, java.time.Instant now) {
    return now.isBefore(until)
        ? Step.quiet(state)
        : Step.audited(
            new LoggedOut(),
            manager.role(),
            "card-reset-abandoned",
            manager.audited() + "; timed out");
  }

  private static Step recognized(OperatorCard card, int triesLeft) {
    if (triesLeft <= 0) {
      return Step.audited(new Blocked(card), Role.KIOSK, "operator-card-blocked", card.audited());
    }
    return Step.audited(
        new CheckingPin(card, Math.min(triesLeft, 15)),
        Role.KIOSK,
        "operator-card-inserted",
        card.audited());
  }

  /** Audit details are at most 1000 characters (docs/spec/ballot-box.md). */
  private static String clip(String details) {
    return details.length() <= 1000 ? details : details.substring(0, 997) + "...";
  }
}
