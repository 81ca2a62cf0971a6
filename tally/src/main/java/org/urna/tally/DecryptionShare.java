package org.urna.tally;

import org.urna.core.crypto.Point;

/**
 * Trustee j's decryption share of one encrypted total: {@code M_j = s_j·A} with its proof
 * (docs/spec/trustees.md 6.1).
 */
public record DecryptionShare(
    int trustee, String contestId, String selectionId, Point share, ShareProof proof) {
  public DecryptionShare {
    share = share.normalize();
  }
}
