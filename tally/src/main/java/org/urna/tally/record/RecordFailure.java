package org.urna.tally.record;

/** One failed check of the record: its step, the item (ballot, file, total) and what is wrong. */
public record RecordFailure(RecordStep step, String item, String detail) {
  /** {@code R7 inclusion: ballot 3f.. (station s2, entry 17): not under checkpoint 40}. */
  @Override
  public String toString() {
    return step + " " + step.label() + ": " + item + ": " + detail;
  }
}
