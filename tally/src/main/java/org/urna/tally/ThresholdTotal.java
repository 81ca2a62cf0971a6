package org.urna.tally;

import java.util.List;

/**
 * One selection's result from the trustees (docs/spec/trustees.md 6.3): the count t with {@code t·G
 * = B - Σ λ_j·M_j}, the encrypted total and the decryption shares it was combined from.
 */
public record ThresholdTotal(
    String contestId,
    String selectionId,
    long count,
    EncryptedTotal encryptedTotal,
    List<DecryptionShare> shares) {
  public ThresholdTotal {
    shares = List.copyOf(shares);
  }
}
