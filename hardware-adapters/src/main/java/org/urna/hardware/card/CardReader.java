package org.urna.hardware.card;

import java.time.Duration;
import java.util.List;

/**
 * Card readers of one station: the PC/SC driver ({@code pcsc.PcscCardReader}) and the in-process
 * simulator ({@code simulated.SimulatedCardReader}) both implement it.
 *
 * <p>All card I/O and all watching happen on one background thread owned by the reader. Events go
 * to the listener given to {@link #start}; work with a card goes through {@link #withCard}.
 */
public interface CardReader extends AutoCloseable {
  /** Starts watching readers and cards; events arrive at {@code listener}. Call once. */
  void start(CardEventListener listener);

  /** Names of the readers attached now (as last seen by the watcher). */
  List<String> readers();

  /**
   * Runs {@code task} with the card in {@code reader} on the card thread and waits for it at most
   * {@code timeout}.
   *
   * @throws CardIoException with the fault (no card, card removed, service gone, time-out, ...)
   */
  <T> T withCard(String reader, CardTask<T> task, Duration timeout) throws CardIoException;

  /** Stops the watcher thread and releases the card; idempotent. */
  @Override
  void close();
}
