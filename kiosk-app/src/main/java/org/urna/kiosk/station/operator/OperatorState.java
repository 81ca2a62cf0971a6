package org.urna.kiosk.station.operator;

import java.time.Instant;
import java.util.Objects;
import org.urna.core.role.Role;

/** Where the operator session stands (docs/decisions/0312). */
public sealed interface OperatorState {
  /** No operator card in the reader: the voter's screens, no operator function. */
  record LoggedOut() implements OperatorState {}

  /**
   * A trusted card is in; the PIN pad asks for its PIN.
   *
   * @param triesLeft what the card says remains before it blocks (1..15)
   */
  record CheckingPin(OperatorCard card, int triesLeft) implements OperatorState {
    public CheckingPin {
      Objects.requireNonNull(card);
      if (triesLeft < 1 || triesLeft > 15) {
        throw new IllegalArgumentException("tries left must be 1..15: " + triesLeft);
      }
    }
  }

  /** The card is blocked after too many wrong PINs; only taking it out leaves this state. */
  record Blocked(OperatorCard card) implements OperatorState {
    public Blocked {
      Objects.requireNonNull(card);
    }
  }

  /** The card in the reader is not one this station accepts; {@code reason} is for people. */
  record Refused(String reason) implements OperatorState {
    public Refused {
      Objects.requireNonNull(reason);
    }
  }

  /** The card's holder proved the PIN: the operator screens of {@link #role()} are open. */
  record LoggedIn(OperatorCard card, Instant since, Instant lastActivity) implements OperatorState {
    public LoggedIn {
      Objects.requireNonNull(card);
      Objects.requireNonNull(since);
      Objects.requireNonNull(lastActivity);
    }

    public Role role() {
      return card.role();
    }
  }

  /**
   * An election manager asked to reset a blocked card: their own card may leave the reader, and the
   * next card inserted until {@code until} is the one to reset (docs/decisions/0342).
   */
  record AwaitingCardToReset(OperatorCard manager, Instant until) implements OperatorState {
    public AwaitingCardToReset {
      Objects.requireNonNull(manager);
      Objects.requireNonNull(until);
    }
  }

  /**
   * The card to reset is in; the manager enters its PUK and the new PIN. {@code pukTriesLeft} is
   * what the card said after the last wrong PUK (or 3 before any).
   */
  record ResettingCard(OperatorCard manager, OperatorCard card, Instant until)
      implements OperatorState {
    public ResettingCard {
      Objects.requireNonNull(manager);
      Objects.requireNonNull(card);
      Objects.requireNonNull(until);
    }
  }

  /** What the operator is told, in English (the screens word it in the station's language). */
  static String prompt(OperatorState state) {
    return switch (state) {
      case LoggedOut l -> "Insert an operator card.";
      case CheckingPin(var card, int left) ->
          "Enter the PIN of the %s card. %s"
              .formatted(
                  card.role().displayName().toLowerCase(java.util.Locale.ROOT),
                  left == 1 ? "One try left: a wrong PIN blocks the card." : left + " tries left.");
      case Blocked b ->
          "This card is blocked after too many wrong PINs. An election manager must reset it."
              + " Take the card out.";
      case Refused(var reason) -> reason + " Take the card out.";
      case LoggedIn in -> in.role().displayName() + " signed in.";
      case AwaitingCardToReset a -> "Take your card out and insert the blocked card.";
      case ResettingCard r -> "Enter the blocked card's PUK and its new PIN.";
    };
  }
}
