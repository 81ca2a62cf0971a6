package org.urna.tally;

/**
 * The numbered checks of the key ceremony and the threshold decryption (docs/spec/trustees.md
 * section 7). A failure names its step, so a trustee or a verifier can look it up.
 */
public enum TrusteeStep {
  T1("the ceremony parameters are well formed"),
  T2("a trustee's encryption key comes with a proof of possession"),
  T3("a deal is well formed and belongs to this ceremony and dealer"),
  T4("every coefficient commitment comes with a proof of knowledge"),
  T5("a trustee's share decrypts and matches the dealer's commitments"),
  T6("every trustee signed its check report"),
  T7("every complaint is answered by a revealed share that matches the commitments"),
  T8("the joint key and public shares are the sums of the qualified commitments"),
  T9("a trustee's final share matches its public share"),
  T10("a decryption share is well formed and belongs to this election, trustee and total"),
  T11("a decryption share's Chaum-Pedersen proof holds against the trustee's public share"),
  T12("at least k valid decryption shares combine (Lagrange at 0) into the published count");

  private final String checks;

  TrusteeStep(String checks) {
    this.checks = checks;
  }

  /** What this step checks, in words. */
  public String checks() {
    return checks;
  }
}
