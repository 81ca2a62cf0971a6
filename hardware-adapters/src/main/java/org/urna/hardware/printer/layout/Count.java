package org.urna.hardware.printer.layout;

/** A labelled number on a poll report ("Ballots cast: 0"). */
public record Count(String label, long value) {
  public Count {
    label = Ids.text(label, "A count label");
    if (value < 0) {
      throw new IllegalArgumentException("A count cannot be negative");
    }
  }
}
