package org.urna.core.ballot;

import java.util.List;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.RangeProof;

/**
 * One contest: its selections in manifest order and the proof that their sum is at most the limit
 * (spec 5.5). The sum ciphertext is not stored: a verifier adds the selections' ciphertexts.
 */
public record EncryptedContest(
    String contestId, int limit, List<EncryptedSelection> selections, RangeProof limitProof) {
  public EncryptedContest {
    selections = List.copyOf(selections);
    if (selections.isEmpty()) {
      throw new IllegalArgumentException("a contest has at least one selection");
    }
    if (limitProof.limit() != limit) {
      throw new IllegalArgumentException("the limit proof must be for limit " + limit);
    }
  }

  /** The homomorphic sum of the selections. */
  public ElGamalCiphertext sum() {
    ElGamalCiphertext acc = selections.getFirst().ciphertext();
    for (int i = 1; i < selections.size(); i++) {
      acc = acc.add(selections.get(i).ciphertext());
    }
    return acc.normalize();
  }
}
