package org.urna.kiosk.station.operator;

import java.time.Instant;
import java.util.Objects;

/**
 * What happens to the operator session: card events from the reader, the card's answers to the PIN,
 * the operator's taps and the clock. No event carries a PIN.
 */
public sealed interface OperatorEvent {
  /** A card was inserted and its certificate passed the trust checks; {@code triesLeft} from it. */
  record CardRecognized(OperatorCard card, int triesLeft) implements OperatorEvent {
    public CardRecognized {
      Objects.requireNonNull(card);
    }
  }

  /**
   * A card was inserted and refused (wrong authority, no role, wrong role, expired...): {@code
   * reason} in the words shown to its holder, {@code audited} what the audit log keeps (the
   * refusal's code and the check's detail, e.g. "NO_ROLE: unknown role value").
   */
  record CardRefused(String reason, String audited) implements OperatorEvent {
    public CardRefused {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(audited);
    }

    /** A refusal audited in the words shown. */
    public CardRefused(String reason) {
      this(reason, reason);
    }
  }

  /** The card verified the PIN and signed the challenge (a {@code RoleSession} exists). */
  record PinAccepted(Instant at) implements OperatorEvent {
    public PinAccepted {
      Objects.requireNonNull(at);
    }
  }

  /** The card said the PIN was wrong; {@code triesLeft} (≥ 1) remain. */
  record PinRejected(int triesLeft) implements OperatorEvent {}

  /** The card is blocked (63C0 on the last wrong try, 6983 afterwards). */
  record CardBlocked() implements OperatorEvent {}

  /** The card left the reader. */
  record CardRemoved() implements OperatorEvent {}

  /** The operator touched the screen. */
  record Activity(Instant at) implements OperatorEvent {
    public Activity {
      Objects.requireNonNull(at);
    }
  }

  /** The clock, checked about once a second. */
  record Tick(Instant now) implements OperatorEvent {
    public Tick {
      Objects.requireNonNull(now);
    }
  }

  /** The operator tapped "sign out". */
  record SignOut(Instant at) implements OperatorEvent {
    public SignOut {
      Objects.requireNonNull(at);
    }
  }

  /**
   * The signed-in election manager asked to reset a blocked card; the card to reset must be in
   * within {@code window}.
   */
  record CardResetRequested(Instant at, java.time.Duration window) implements OperatorEvent {
    public CardResetRequested {
      Objects.requireNonNull(at);
      Objects.requireNonNull(window);
    }
  }

  /** The card took the PUK and holds the new PIN, with every try back. */
  record CardResetDone() implements OperatorEvent {}

  /** The card refused the PUK; {@code triesLeft} more wrong PUKs block it for good (0: blocked). */
  record PukRejected(int triesLeft) implements OperatorEvent {}
}
