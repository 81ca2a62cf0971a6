package org.urna.hardware.card.pcsc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.urna.hardware.card.CardEvent;

/**
 * What the watcher last saw (reader name to card present) and the events that lead from it to a new
 * observation: a detached reader first loses its card, a new reader is attached before its card is
 * inserted.
 */
final class ReaderPresence {
  private final Map<String, Boolean> cardPresent = new LinkedHashMap<>();

  /**
   * Moves to {@code now} and returns the events in the order a listener should see them.
   *
   * @param atr the ATR (hex) of the card in a reader, asked only for newly inserted cards
   */
  List<CardEvent> moveTo(Map<String, Boolean> now, UnaryOperator<String> atr) {
    List<CardEvent> events = new ArrayList<>();
    for (var old : cardPresent.entrySet()) {
      String name = old.getKey();
      Boolean present = now.get(name);
      if (old.getValue() && !Boolean.TRUE.equals(present)) {
        events.add(new CardEvent.CardRemoved(name));
      }
      if (present == null) {
        events.add(new CardEvent.ReaderDetached(name));
      }
    }
    for (var e : now.entrySet()) {
      Boolean before = cardPresent.get(e.getKey());
      if (before == null) {
        events.add(new CardEvent.ReaderAttached(e.getKey()));
      }
      if (e.getValue() && !Boolean.TRUE.equals(before)) {
        events.add(new CardEvent.CardInserted(e.getKey(), atr.apply(e.getKey())));
      }
    }
    cardPresent.clear();
    cardPresent.putAll(now);
    return events;
  }

  /** Forgets everything without events (the service is gone; one event says so). */
  void forget() {
    cardPresent.clear();
  }

  List<String> readers() {
    return List.copyOf(cardPresent.keySet());
  }
}
