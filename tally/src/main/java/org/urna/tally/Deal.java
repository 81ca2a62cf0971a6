package org.urna.tally;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.urna.core.crypto.Point;

/**
 * What dealer i publishes (docs/spec/trustees.md 4.2): the commitments {@code C_i0..C_i(k-1)} to
 * its polynomial, a proof of knowledge of each coefficient (tag {@code coefficient}, j = the
 * coefficient's index), and one encrypted share for every other trustee in recipient order.
 */
public record Deal(
    int dealer, List<Point> commitments, List<SchnorrProof> proofs, List<EncryptedShare> shares) {
  public static final String PROOF_TAG = "coefficient";

  public Deal {
    commitments = List.copyOf(commitments);
    proofs = List.copyOf(proofs);
    shares = List.copyOf(shares);
  }

  /** Steps T3 and T4: everything anyone can check without a trustee's secret. */
  public void verify(CeremonyParameters params) throws TrusteeException {
    verify(params, true);
  }

  /**
   * Steps T3 and T4; with {@code withShares} false, for the commitments alone as an election record
   * carries them (docs/spec/election-record.md 2.3): no encrypted shares, which only their
   * recipients can check.
   */
  public void verify(CeremonyParameters params, boolean withShares) throws TrusteeException {
    String item = "deal of " + params.describe(dealer);
    params.requireIndex(dealer, TrusteeStep.T3, item);
    int k = params.threshold();
    if (commitments.size() != k || proofs.size() != k) {
      throw new TrusteeException(
          TrusteeStep.T3,
          item,
          "has "
              + commitments.size()
              + " commitments and "
              + proofs.size()
              + " proofs; the threshold is "
              + k);
    }
    if (!withShares && !shares.isEmpty()) {
      throw new TrusteeException(TrusteeStep.T3, item, "commitments carry no encrypted shares");
    }
    if (withShares && shares.size() != params.size() - 1) {
      throw new TrusteeException(
          TrusteeStep.T3,
          item,
          "has "
              + shares.size()
              + " shares; one for each other trustee ("
              + (params.size() - 1)
              + ") is needed");
    }
    Set<Integer> seen = new HashSet<>();
    int expected = 1;
    for (EncryptedShare s : shares) {
      if (expected == dealer) {
        expected++;
      }
      if (s.dealer() != dealer || s.recipient() != expected || !seen.add(s.recipient())) {
        throw new TrusteeException(
            TrusteeStep.T3,
            item,
            "its shares must be from trustee "
                + dealer
                + " to every other trustee in order; found one from "
                + s.dealer()
                + " to "
                + s.recipient());
      }
      expected++;
    }
    byte[] c = params.ceremonyHash();
    for (int j = 0; j < k; j++) {
      if (!proofs.get(j).verify(PROOF_TAG, c, dealer, j, commitments.get(j))) {
        throw new TrusteeException(
            TrusteeStep.T4,
            item + ", coefficient " + j,
            "the proof of knowledge does not verify: the commitment or proof was changed, or made"
                + " for another ceremony or dealer");
      }
    }
  }

  /** The encrypted share for trustee j. */
  public EncryptedShare shareFor(int recipient) {
    for (EncryptedShare s : shares) {
      if (s.recipient() == recipient) {
        return s;
      }
    }
    throw new IllegalArgumentException("no share for trustee " + recipient);
  }

  /** {@code Σ_m x^m·C_im}: what {@code f_i(x)·G} must be. */
  public Point expectedSharePoint(int x) {
    return Polynomial.evaluateCommitments(commitments.toArray(new Point[0]), x);
  }

  static List<Point> list(Point[] p) {
    return new ArrayList<>(List.of(p));
  }
}
