package org.urna.tally;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.urna.core.crypto.LinearCheck;
import org.urna.core.crypto.Point;

/** Steps T10 and T11 for decryption shares, as pure functions that name the failing step. */
public final class ShareVerifier {
  private ShareVerifier() {}

  /** The item name of a share in failures: "decryption share of trustee 2 for mayor/alice". */
  public static String item(int trustee, EncryptedTotal total) {
    return "decryption share of trustee "
        + trustee
        + " for "
        + total.contestId()
        + "/"
        + total.selectionId();
  }

  /** Checks one share against one published encrypted total; empty when it holds. */
  public static Optional<TrusteeFailure> verify(
      JointKey joint, EncryptedTotal total, DecryptionShare share) {
    String item = item(share.trustee(), total);
    Point kj = joint.publicShare(share.trustee());
    if (kj == null) {
      return Optional.of(
          new TrusteeFailure(
              TrusteeStep.T10, item, "trustee " + share.trustee() + " holds no share of this key"));
    }
    if (!share.contestId().equals(total.contestId())
        || !share.selectionId().equals(total.selectionId())) {
      return Optional.of(
          new TrusteeFailure(
              TrusteeStep.T10,
              item,
              "is for " + share.contestId() + "/" + share.selectionId() + " instead"));
    }
    if (!share
        .proof()
        .verify(
            joint.extendedHash(),
            total.label(),
            share.trustee(),
            kj,
            total.ciphertext(),
            share.share())) {
      return Optional.of(
          new TrusteeFailure(
              TrusteeStep.T11,
              item,
              "the proof does not verify: the share is wrong, or made for another total, election"
                  + " or trustee"));
    }
    return Optional.empty();
  }

  /** Checks a whole share file against the published totals; the first failure, if any. */
  public static Optional<TrusteeFailure> verify(
      JointKey joint, List<EncryptedTotal> totals, DecryptionShareSet set) {
    String item = "decryption shares of trustee " + set.trustee();
    if (!Arrays.equals(set.extendedHash(), joint.extendedHash())) {
      return Optional.of(
          new TrusteeFailure(TrusteeStep.T10, item, "are for another election or key"));
    }
    if (set.shares().size() != totals.size()) {
      return Optional.of(
          new TrusteeFailure(
              TrusteeStep.T10,
              item,
              "hold " + set.shares().size() + " shares for " + totals.size() + " totals"));
    }
    Point kj = joint.publicShare(set.trustee());
    if (kj == null) {
      return Optional.of(
          new TrusteeFailure(
              TrusteeStep.T10, item, "trustee " + set.trustee() + " holds no share of this key"));
    }
    for (int t = 0; t < totals.size(); t++) {
      DecryptionShare s = set.shares().get(t);
      EncryptedTotal total = totals.get(t);
      if (s.trustee() != set.trustee()) {
        return Optional.of(
            new TrusteeFailure(TrusteeStep.T10, item, "hold a share of trustee " + s.trustee()));
      }
      if (!s.contestId().equals(total.contestId())
          || !s.selectionId().equals(total.selectionId())) {
        return Optional.of(
            new TrusteeFailure(
                TrusteeStep.T10,
                item(s.trustee(), total),
                "is for " + s.contestId() + "/" + s.selectionId() + " instead"));
      }
    }
    // T11 for all shares at once (random linear combination, spec 6.2 of ballot-cryptography.md);
    // only when the sum fails is each share checked alone, to name the bad one.
    byte[] q = joint.extendedHash();
    LinearCheck batch = new LinearCheck();
    for (int t = 0; t < totals.size(); t++) {
      DecryptionShare s = set.shares().get(t);
      EncryptedTotal total = totals.get(t);
      batch.addAll(
          s.proof().equations(q, total.label(), s.trustee(), kj, total.ciphertext(), s.share()));
    }
    if (batch.holds()) {
      return Optional.empty();
    }
    for (int t = 0; t < totals.size(); t++) {
      Optional<TrusteeFailure> f = verify(joint, totals.get(t), set.shares().get(t));
      if (f.isPresent()) {
        return f;
      }
    }
    return Optional.empty();
  }
}
