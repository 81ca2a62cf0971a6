package org.urna.tally;

import java.util.List;

/**
 * All of trustee j's decryption shares for one set of encrypted totals, in the totals' order: the
 * content of one decryption share file (docs/spec/trustees.md 6.2). {@code extendedHash} is the Q
 * the shares' proofs are bound to.
 */
public record DecryptionShareSet(int trustee, byte[] extendedHash, List<DecryptionShare> shares) {
  public DecryptionShareSet {
    extendedHash = extendedHash.clone();
    shares = List.copyOf(shares);
  }

  @Override
  public byte[] extendedHash() {
    return extendedHash.clone();
  }
}
