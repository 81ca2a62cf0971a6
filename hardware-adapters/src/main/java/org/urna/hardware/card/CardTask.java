package org.urna.hardware.card;

/**
 * Work done with a card: runs on the reader's single card thread, so a sequence of APDUs (SELECT,
 * GET DATA, VERIFY, ...) is never interleaved with another task.
 */
@FunctionalInterface
public interface CardTask<T> {
  T run(ApduChannel channel) throws CardIoException;
}
