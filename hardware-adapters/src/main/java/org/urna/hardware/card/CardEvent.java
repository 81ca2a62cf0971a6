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
   * The card service (pcscd) is gone, or the one reader the station was told to read cards in is
   * not connected. {@link #message()} says what the kiosk does: reconnect when the service is back,
   * or (where it cannot) be restarted.
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

  /** The card service answers again after {@link ServiceUnavailable}; readers follow as events. */
  record ServiceRestored(String message) implements CardEvent {
    public ServiceRestored {
      Objects.requireNonNull(message);
    }

    @Override
    public String reader() {
      return "";
    }
  }
}
