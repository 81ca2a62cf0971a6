package org.urna.core.verify;

/** One failed check: the step, the item it concerns and what was wrong. */
public record VerificationFailure(Step step, String item, String detail) {
  public String message() {
    return step + " (" + step.title() + ") failed for " + item + ": " + detail;
  }

  @Override
  public String toString() {
    return message();
  }
}
