package org.urna.tally;

import org.urna.core.crypto.Point;

/**
 * Trustee i's encryption key {@code P_i = d_i·G}, which the other dealers encrypt its shares to,
 * with a proof of possession (docs/spec/trustees.md 4.1, tag {@code trustee-key}, j = 0).
 */
public record KeyAnnouncement(int trustee, Point encryptionKey, SchnorrProof proof) {
  public static final String PROOF_TAG = "trustee-key";

  /** Step T2. */
  public void verify(CeremonyParameters params) throws TrusteeException {
    String item = "encryption key of " + params.describe(trustee);
    params.requireIndex(trustee, TrusteeStep.T2, item);
    if (!proof.verify(PROOF_TAG, params.ceremonyHash(), trustee, 0, encryptionKey)) {
      throw new TrusteeException(
          TrusteeStep.T2,
          item,
          "the proof of possession does not verify (made for another ceremony or trustee, or"
              + " changed)");
    }
  }
}
