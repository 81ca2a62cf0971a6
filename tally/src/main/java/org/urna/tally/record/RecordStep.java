package org.urna.tally.record;

/**
 * The numbered steps of docs/spec/election-record.md 4, in the order the verifier runs them. V and
 * T steps keep the numbers of ballot-cryptography.md 7 and trustees.md 7; R steps are the record's.
 */
public enum RecordStep {
  R1("layout", "the record holds exactly the files of its layout"),
  R2("constants", "the constants are those of this version"),
  R3("package", "the election package loads under the record's trust anchor (P1-P9)"),
  T1("ceremony", "the ceremony parameters are well formed and for this election"),
  T2("announcements", "every trustee's encryption key comes with a proof of possession"),
  T3("deals", "every trustee's commitments are well formed"),
  T4("commitment proofs", "every coefficient commitment comes with a proof of knowledge"),
  T6("check reports", "every trustee signed its check report"),
  T7("complaints", "every complaint is answered by a share matching the commitments"),
  T8("joint key sums", "the joint key and public shares are the sums of the qualified commitments"),
  R4("joint key", "joint-key.json is the recomputed joint key and the package's election key"),
  R5("checkpoints", "every checkpoint is signed by the log and cosigned by a quorum"),
  R6("entries", "the ledger's entry bundles hold exactly its entries"),
  V1("well formed", "the ballot is well formed"),
  R7("inclusion", "every ballot is under a quorum-cosigned checkpoint (roots recomputed)"),
  V2("election and style", "the ballot belongs to this election and its ballot style"),
  V3("station", "the station is authorised for this election"),
  V4("voting window", "the ballot was recorded inside the voting window"),
  V5("selection proofs", "every selection encrypts 0 or 1"),
  V6("limit proofs", "every contest stays within its limit"),
  V8("signature", "the station signed the ballot's tracking code"),
  V9("re-encryption", "a challenged ballot re-encrypts from its nonce seed to itself"),
  V7("chain", "each station's tracking codes form an unbroken chain"),
  R8("leaf code", "the tracking code in each leaf is the ballot's"),
  R11(
      "station events",
      "each station event is signed by its station, in order, and counts its ballots before it"),
  V10("unique id", "no ballot id appears twice"),
  R9("challenged", "challenged.json lists every challenged ballot with its seed and choices"),
  V11("sums", "each encrypted total is the sum of the cast ballots"),
  T10("share files", "every decryption share file is for this election, trustee and totals"),
  T11("share proofs", "every decryption share's Chaum-Pedersen proof holds"),
  T12("combination", "at least k valid shares combine into each published count"),
  R10("results", "results.json is exactly what the decryption shares give");

  private final String label;
  private final String title;

  RecordStep(String label, String title) {
    this.label = label;
    this.title = title;
  }

  /** The short name printed after the number: "R7 inclusion". */
  public String label() {
    return label;
  }

  public String title() {
    return title;
  }
}
