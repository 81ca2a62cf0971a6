package org.urna.hardware.card;

import java.util.Objects;

/** What a {@link CardReader} saw happen, published to its one {@link CardEventListener}. */
public sealed interface CardEvent {
  /** The reader's name, or empty for events about the whole card service. */
  String reader();

  record ReaderAttached(String reader) implements CardEvent {
    public ReaderAttached {
      Objects.requireNonNull(reader);
    }
  }

  record ReaderDetached(String reader) implements CardEvent {
    public ReaderDetached {
      Objects.requireNonNull(reader);
    }
  }

  /** A card arrived; {@code atr} is its answer-to-reset, hex. */
  record CardInserted(String reader, String atr) implements CardEvent {
    public CardInserted {
      Objects.requireNonNull(reader);
      Objects.requireNonNull(atr);
    }
  }

  record CardRemoved(String reader) implements CardEvent {
    public CardRemoved {
      Objects.requireNonNull(reader);
    }
  }

  /**
   * The card service (pcscd) is gone. A JVM keeps one PC/SC context for its whole life, so the
   * kiosk process must be restarted: {@link #message()} says so.
   */
  record ServiceUnavailable(String message, String detail) implements CardEvent {
    public ServiceUnavailable {
      Objects.requireNonNull(message);
      Objects.requireNonNull(detail);
    }

    @Override
    public String reader() {
      return "";
    }
  }
}
