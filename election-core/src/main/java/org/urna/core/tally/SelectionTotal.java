package org.urna.core.tally;

import org.urna.core.crypto.DecryptionProof;
import org.urna.core.crypto.ElGamalCiphertext;

/**
 * One selection's published result (spec 8.2): the count, the encrypted total it decrypts, and the
 * proof. Both are null for a selection that no cast ballot carried (count 0).
 */
public record SelectionTotal(
    String contestId,
    String selectionId,
    long count,
    ElGamalCiphertext encryptedTotal,
    DecryptionProof proof) {

  /** The label the decryption proof binds to: {@code tally/<contest>/<selection>}. */
  public static String label(String contestId, String selectionId) {
    return "tally/" + contestId + "/" + selectionId;
  }
}
