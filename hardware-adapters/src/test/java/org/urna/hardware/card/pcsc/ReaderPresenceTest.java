package org.urna.hardware.card.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urna.hardware.card.CardEvent;

class ReaderPresenceTest {
  private final ReaderPresence presence = new ReaderPresence();

  private static Map<String, Boolean> seen(Object... nameAndCard) {
    Map<String, Boolean> m = new LinkedHashMap<>();
    for (int i = 0; i < nameAndCard.length; i += 2) {
      m.put((String) nameAndCard[i], (Boolean) nameAndCard[i + 1]);
    }
    return m;
  }

  @Test
  void readerWithACardIsAttachedThenItsCardInserted() {
    assertThat(presence.moveTo(seen("A", true), r -> "3B00"))
        .containsExactly(
            new CardEvent.ReaderAttached("A"), new CardEvent.CardInserted("A", "3B00"));
    assertThat(presence.moveTo(seen("A", true), r -> "3B00")).isEmpty();
  }

  @Test
  void unpluggedReaderLosesItsCardFirst() {
    presence.moveTo(seen("A", true, "B", false), r -> "");
    assertThat(presence.moveTo(seen("B", false), r -> ""))
        .containsExactly(new CardEvent.CardRemoved("A"), new CardEvent.ReaderDetached("A"));
    assertThat(presence.readers()).containsExactly("B");
  }

  @Test
  void cardOutAndInAgainAreTwoEvents() {
    presence.moveTo(seen("A", true), r -> "");
    assertThat(presence.moveTo(seen("A", false), r -> ""))
        .containsExactly(new CardEvent.CardRemoved("A"));
    assertThat(presence.moveTo(seen("A", true), r -> "3B"))
        .containsExactly(new CardEvent.CardInserted("A", "3B"));
  }
}
