package org.urna.tally;

import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.tally.SelectionTotal;

/** One selection's encrypted total {@code (A, B)}, the sum of the cast ballots (spec 8.1). */
public record EncryptedTotal(String contestId, String selectionId, ElGamalCiphertext ciphertext) {
  public EncryptedTotal {
    if (contestId == null || selectionId == null || ciphertext == null) {
      throw new IllegalArgumentException("an encrypted total names its contest and selection");
    }
    ciphertext = ciphertext.normalize();
  }

  /** {@code tally/<contest>/<selection>}, as in spec 4.4. */
  public String label() {
    return SelectionTotal.label(contestId, selectionId);
  }
}
