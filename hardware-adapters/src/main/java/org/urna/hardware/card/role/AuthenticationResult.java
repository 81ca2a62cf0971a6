package org.urna.hardware.card.role;

import java.util.Objects;
import org.urna.hardware.card.CardFault;

/** The outcome of unlocking a recognized role card with its PIN. */
public sealed interface AuthenticationResult {
  record Authenticated(RoleSession session) implements AuthenticationResult {
    public Authenticated {
      Objects.requireNonNull(session);
    }
  }

  /** Wrong PIN; {@code triesLeft} more wrong PINs block the card. */
  record WrongPin(int triesLeft) implements AuthenticationResult {}

  /** The card is blocked: an election manager must reset its PIN with the card's PUK. */
  record PinBlocked() implements AuthenticationResult {
    public String message() {
      return "This card is blocked after too many wrong PINs. An election manager must reset it.";
    }
  }

  record Refused(RefusalReason reason, String detail) implements AuthenticationResult {
    public Refused {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(detail);
    }
  }

  /** The reader or card failed; show {@code fault.message()}; {@code detail} is for the log. */
  record Failed(CardFault fault, String detail) implements AuthenticationResult {
    public Failed {
      Objects.requireNonNull(fault);
      Objects.requireNonNull(detail);
    }
  }
}
