package org.urna.tally;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Point;
import org.urna.core.election.ElectionPackage;

/**
 * The outcome of the key ceremony (docs/spec/trustees.md 5.3): the qualified dealers, those
 * disqualified and why, the joint election key {@code K = Σ_(i in QUAL) C_i0} and each qualified
 * trustee's public share {@code K_j = Σ_(i in QUAL) Σ_m j^m·C_im}. Anyone recomputes it from the
 * published deals, reports and answers ({@link Ceremony#combine}).
 */
public record JointKey(
    CeremonyParameters params,
    SortedSet<Integer> qualified,
    SortedMap<Integer, String> disqualified,
    Point electionKey,
    SortedMap<Integer, Point> publicShares) {

  public JointKey {
    qualified = Collections.unmodifiableSortedSet(new TreeSet<>(qualified));
    disqualified = Collections.unmodifiableSortedMap(new TreeMap<>(disqualified));
    electionKey = electionKey.normalize();
    publicShares = Collections.unmodifiableSortedMap(new TreeMap<>(publicShares));
  }

  public int threshold() {
    return params.threshold();
  }

  /**
   * The extended hash Q of election-package.md 5.2, {@code H("election-context", electionHash, K)}:
   * the same Q the signed election package will carry for this key.
   */
  public byte[] extendedHash() {
    return Hash.tagged(ElectionPackage.EXTENDED_HASH_TAG)
        .part(params.electionHash())
        .part(electionKey)
        .digest();
  }

  /** The election key with its window table, for encrypting and verifying ballots. */
  public ElectionKey toElectionKey() {
    return new ElectionKey(electionKey, extendedHash());
  }

  /** Trustee j's public share, or null when j is not a qualified trustee. */
  public Point publicShare(int j) {
    return publicShares.get(j);
  }

  public Map<Integer, Point> shares() {
    return publicShares;
  }
}
