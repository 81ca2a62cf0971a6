package org.urna.tally;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.urna.core.crypto.DiscreteLog;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;

/**
 * Combines decryption shares into counts (docs/spec/trustees.md 6.3): checks every trustee's share
 * file (T10, T11), sets aside those that fail (named), and with at least k valid ones computes
 * {@code M = Σ λ_j·M_j} (Lagrange at 0 over the trustees used) and t with {@code t·G = B - M}.
 */
public final class Combiner {
  private Combiner() {}

  /** The outcome: the totals, which trustees' shares were used, and which were refused and why. */
  public record Combination(
      List<ThresholdTotal> totals,
      SortedSet<Integer> used,
      SortedSet<Integer> absent,
      List<TrusteeFailure> refused) {
    public Combination {
      totals = List.copyOf(totals);
      used = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(used));
      absent = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(absent));
      refused = List.copyOf(refused);
    }
  }

  public static Combination combine(
      JointKey joint, List<EncryptedTotal> totals, List<DecryptionShareSet> sets)
      throws TrusteeException {
    List<TrusteeFailure> refused = new ArrayList<>();
    List<DecryptionShareSet> valid = new ArrayList<>();
    SortedSet<Integer> used = new TreeSet<>();
    for (DecryptionShareSet set : sets) {
      if (used.contains(set.trustee())) {
        refused.add(
            new TrusteeFailure(
                TrusteeStep.T12,
                "decryption shares of trustee " + set.trustee(),
                "a second file from the same trustee (ignored)"));
        continue;
      }
      Optional<TrusteeFailure> f = ShareVerifier.verify(joint, totals, set);
      if (f.isPresent()) {
        refused.add(f.get());
      } else {
        valid.add(set);
        used.add(set.trustee());
      }
    }
    SortedSet<Integer> absent = new TreeSet<>(joint.qualified());
    absent.removeAll(used);
    sets.forEach(s -> absent.remove(s.trustee()));
    if (used.size() < joint.threshold()) {
      throw new TrusteeException(
          TrusteeStep.T12,
          "combination",
          used.size()
              + " valid decryption share file(s) (trustees "
              + used
              + "); at least "
              + joint.threshold()
              + " are needed"
              + (refused.isEmpty() ? "" : "; refused: " + refused)
              + (absent.isEmpty() ? "" : "; no file from trustees " + absent));
    }
    List<ThresholdTotal> out = new ArrayList<>();
    for (int t = 0; t < totals.size(); t++) {
      EncryptedTotal total = totals.get(t);
      List<DecryptionShare> shares = new ArrayList<>();
      for (DecryptionShareSet set : valid) {
        shares.add(set.shares().get(t));
      }
      Point m = total.ciphertext().beta().subtract(combineShares(shares));
      long count =
          m.isIdentity()
              ? 0
              : DiscreteLog.standard()
                  .solve(m)
                  .orElseThrow(
                      () ->
                          new TrusteeException(
                              TrusteeStep.T12,
                              "total of " + total.contestId() + "/" + total.selectionId(),
                              "the combined value is beyond the searchable range (0.."
                                  + DiscreteLog.DEFAULT_MAX
                                  + ")"));
      out.add(new ThresholdTotal(total.contestId(), total.selectionId(), count, total, shares));
    }
    return new Combination(out, used, absent, refused);
  }

  /** {@code Σ λ_j·M_j} over the trustees of the shares (Lagrange at 0). */
  public static Point combineShares(List<DecryptionShare> shares) {
    List<Integer> indices = shares.stream().map(DecryptionShare::trustee).toList();
    Point sum = null;
    for (DecryptionShare s : shares) {
      Point p = s.share().multiply(Lagrange.coefficient(s.trustee(), indices));
      sum = sum == null ? p : sum.add(p);
    }
    return sum;
  }

  /**
   * Step T12 for a verifier: the published count t of a total is the combination of the given
   * shares (each already checked by T10, T11): distinct trustees, at least k, {@code t·G = B - Σ
   * λ_j·M_j}. No discrete logarithm is needed.
   */
  public static Optional<TrusteeFailure> verifyCount(
      JointKey joint, EncryptedTotal total, List<DecryptionShare> shares, long count) {
    String item = "total of " + total.contestId() + "/" + total.selectionId();
    long distinct = shares.stream().map(DecryptionShare::trustee).distinct().count();
    if (distinct != shares.size() || distinct < joint.threshold()) {
      return Optional.of(
          new TrusteeFailure(
              TrusteeStep.T12,
              item,
              "combined from "
                  + distinct
                  + " distinct trustees' shares; "
                  + joint.threshold()
                  + " are needed"));
    }
    if (count < 0) {
      return Optional.of(new TrusteeFailure(TrusteeStep.T12, item, "the count is negative"));
    }
    Point lhs = total.ciphertext().beta().subtract(combineShares(shares));
    boolean holds =
        count == 0
            ? lhs.isIdentity()
            : !lhs.isIdentity() && lhs.equals(Group.mulG(Scalar.of(count)));
    return holds
        ? Optional.empty()
        : Optional.of(
            new TrusteeFailure(
                TrusteeStep.T12, item, "the shares do not combine to the count " + count));
  }
}
