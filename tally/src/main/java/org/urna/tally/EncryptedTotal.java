package org.urna.tally;

import java.util.ArrayList;
import java.util.List;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.tally.EncryptedTally;
import org.urna.core.tally.SelectionTotal;

/** One selection's encrypted total {@code (A, B)}, the sum of the cast ballots (spec 8.1). */
public record EncryptedTotal(String contestId, String selectionId, ElGamalCiphertext ciphertext) {
  public EncryptedTotal {
    if (contestId == null || selectionId == null || ciphertext == null) {
      throw new IllegalArgumentException("an encrypted total names its contest and selection");
    }
    ciphertext = ciphertext.normalize();
  }

  /**
   * The encrypted totals of a tally, contest by contest in the tally's order: one per selection
   * that cast ballots carry (a selection on no cast ballot has no ciphertext and count 0, spec
   * V11).
   */
  public static List<EncryptedTotal> of(EncryptedTally tally) {
    List<EncryptedTotal> out = new ArrayList<>();
    tally
        .sums()
        .forEach(
            (contest, selections) ->
                selections.forEach((sel, ct) -> out.add(new EncryptedTotal(contest, sel, ct))));
    return out;
  }

  /** {@code tally/<contest>/<selection>}, as in spec 4.4. */
  public String label() {
    return SelectionTotal.label(contestId, selectionId);
  }
}
