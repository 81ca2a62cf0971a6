package org.urna.core.verify;

/** The numbered verification steps of the spec (docs/spec/ballot-cryptography.md, section 7). */
public enum Step {
  V1("the ballot is well formed"),
  V2("the ballot belongs to this election and its ballot style"),
  V3("the station is authorised for this election"),
  V4("the ballot was recorded inside the voting window"),
  V5("every selection encrypts 0 or 1"),
  V6("every contest stays within its limit"),
  V7("the station's tracking codes form an unbroken chain"),
  V8("the station signed the ballot's tracking code"),
  V9("a challenged ballot re-encrypts to the same ciphertexts and choices"),
  V10("no ballot id appears twice"),
  V11("each encrypted total is the sum of the cast ballots"),
  V12("each total is proven to be the decryption of its encrypted total");

  private final String title;

  Step(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }
}
