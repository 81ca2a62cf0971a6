package org.urna.ledger.note;

/** Text that is not a well-formed signed note, checkpoint, key or proof; the reason says why. */
public final class NoteFormatException extends RuntimeException {
  public NoteFormatException(String reason) {
    super(reason);
  }
}
