package org.urna.tally;

import org.urna.core.crypto.Group;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;

/**
 * Dealer i's answer to trustee j's complaint (docs/spec/trustees.md 5.2): the share {@code s_ij}
 * revealed in the clear, signed with i's encryption key (tag {@code complaint-answer}, i = dealer,
 * j = recipient, extra = the share's 32 bytes). Everyone checks it against i's commitments: if it
 * matches, j takes it; if it does not, or no answer comes, dealer i is disqualified.
 */
public record ComplaintAnswer(int dealer, int recipient, Scalar share, SchnorrProof signature) {
  public static final String TAG = "complaint-answer";

  /** Step T7 for one complaint. */
  public void verify(CeremonyParameters params, Point dealerKey, Deal deal)
      throws TrusteeException {
    String item = "answer of " + params.describe(dealer) + " to " + params.describe(recipient);
    params.requireIndex(dealer, TrusteeStep.T7, item);
    params.requireIndex(recipient, TrusteeStep.T7, item);
    if (!signature.verify(
        TAG, params.ceremonyHash(), dealer, recipient, dealerKey, share.toBytes())) {
      throw new TrusteeException(
          TrusteeStep.T7, item, "the signature does not verify: changed or forged");
    }
    if (!Group.mulG(share).equals(deal.expectedSharePoint(recipient))) {
      throw new TrusteeException(
          TrusteeStep.T7, item, "the revealed share does not match the dealer's commitments");
    }
  }
}
