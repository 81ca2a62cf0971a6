package org.urna.hardware.card.virtual;

import java.io.IOException;

/** Where a virtual card writes its state (the PIN retry counter) when it changes. */
@FunctionalInterface
public interface CardStateStore {
  void save(CardState state) throws IOException;

  /** Keeps nothing: the state lives only as long as the card object (unit tests, demos). */
  static CardStateStore inMemory() {
    return state -> {};
  }

  static CardStateStore file(CardStateFile file) {
    return file::save;
  }
}
