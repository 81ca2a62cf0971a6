package org.urna.hardware.card;

/**
 * Receives a reader's events, on the reader's card thread: hand them to the UI thread yourself
 * (JavaFX: {@code Platform.runLater}) and return quickly.
 */
@FunctionalInterface
public interface CardEventListener {
  void onEvent(CardEvent event);
}
