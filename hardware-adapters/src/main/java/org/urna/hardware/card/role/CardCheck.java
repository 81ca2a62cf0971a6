package org.urna.hardware.card.role;

import java.util.Objects;
import org.urna.hardware.card.CardFault;

/** The outcome of reading a role card before its PIN is asked for. */
public sealed interface CardCheck {
  /** The certificate is trusted; ask the holder for the PIN. */
  record Recognized(RoleCertificate certificate) implements CardCheck {
    public Recognized {
      Objects.requireNonNull(certificate);
    }
  }

  /** The card is refused; show {@code reason.message()}. */
  record Refused(RefusalReason reason, String detail) implements CardCheck {
    public Refused {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(detail);
    }
  }

  /** The reader or card failed; show {@code fault.message()}. */
  /** The reader or card failed; show {@code fault.message()}; {@code detail} is for the log. */
  record Failed(CardFault fault, String detail) implements CardCheck {
    public Failed {
      Objects.requireNonNull(fault);
      Objects.requireNonNull(detail);
    }
  }
}
