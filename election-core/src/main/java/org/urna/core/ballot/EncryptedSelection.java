package org.urna.core.ballot;

import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.RangeProof;

/** One selection's ciphertext and its proof that it encrypts 0 or 1 (spec 5.5). */
public record EncryptedSelection(
    String selectionId, ElGamalCiphertext ciphertext, RangeProof proof) {
  public EncryptedSelection {
    if (proof.limit() != 1) {
      throw new IllegalArgumentException("a selection proof has limit 1");
    }
  }
}
