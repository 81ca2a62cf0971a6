package org.urna.tally;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.urna.core.crypto.Point;

/**
 * Trustee j's signed statement after checking the shares it received (docs/spec/trustees.md 5.1):
 * the dealers whose share did not decrypt or did not match their commitments (a complaint against
 * each), empty when all were good. Signed with j's encryption key (tag {@code check-report}, i = j,
 * j = 0, extra = the accused list).
 */
public record CheckReport(int trustee, SortedSet<Integer> accused, SchnorrProof signature) {
  public static final String TAG = "check-report";

  public CheckReport {
    accused = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(accused));
  }

  /** The signed bytes: {@code u16(count) || u16(dealer)...} in ascending order. */
  public static byte[] message(SortedSet<Integer> accused) {
    ByteBuffer b = ByteBuffer.allocate(2 + 2 * accused.size()).putShort((short) accused.size());
    for (int i : accused) {
      b.putShort((short) i);
    }
    return b.array();
  }

  /** Step T6. */
  public void verify(CeremonyParameters params, Point encryptionKey) throws TrusteeException {
    String item = "check report of " + params.describe(trustee);
    params.requireIndex(trustee, TrusteeStep.T6, item);
    for (int i : accused) {
      params.requireIndex(i, TrusteeStep.T6, item);
      if (i == trustee) {
        throw new TrusteeException(TrusteeStep.T6, item, "a trustee cannot accuse itself");
      }
    }
    if (!signature.verify(
        TAG, params.ceremonyHash(), trustee, 0, encryptionKey, message(accused))) {
      throw new TrusteeException(
          TrusteeStep.T6, item, "the signature does not verify: the report was changed or forged");
    }
  }

  public List<Integer> accusedList() {
    return List.copyOf(accused);
  }
}
