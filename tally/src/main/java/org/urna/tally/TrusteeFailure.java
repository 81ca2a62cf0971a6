package org.urna.tally;

/**
 * One failed check: the step (docs/spec/trustees.md section 7), the item ("deal of trustee 2",
 * "decryption share of trustee 3 for mayor/alice") and the reason in words.
 */
public record TrusteeFailure(TrusteeStep step, String item, String reason) {
  public TrusteeFailure {
    if (step == null || item == null || reason == null) {
      throw new IllegalArgumentException("a failure names its step, item and reason");
    }
  }

  @Override
  public String toString() {
    return step + " (" + step.checks() + "): " + item + ": " + reason;
  }
}
