package org.urna.core.tally;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.verify.Step;
import org.urna.core.verify.VerificationFailure;

/** Checks published totals against the cast ballots (V11) and their decryption proofs (V12). */
public final class TallyVerifier {
  private final ElectionKey key;

  public TallyVerifier(ElectionKey key) {
    this.key = key;
  }

  /** {@code recomputed} is the verifier's own sum of the cast ballots of the record. */
  public List<VerificationFailure> verify(EncryptedTally recomputed, List<SelectionTotal> totals) {
    List<VerificationFailure> failures = new ArrayList<>();
    java.util.Set<String> published = new java.util.HashSet<>();
    for (SelectionTotal t : totals) {
      if (!published.add(t.contestId() + "/" + t.selectionId())) {
        failures.add(
            new VerificationFailure(
                Step.V11,
                "total of " + t.contestId() + "/" + t.selectionId(),
                "it is published twice"));
      }
    }
    recomputed
        .sums()
        .forEach(
            (contest, selections) ->
                selections.keySet().stream()
                    .filter(sel -> !published.contains(contest + "/" + sel))
                    .forEach(
                        sel ->
                            failures.add(
                                new VerificationFailure(
                                    Step.V11,
                                    "total of " + contest + "/" + sel,
                                    "cast ballots carry it, but no total is published"))));
    for (SelectionTotal t : totals) {
      String item = "total of " + t.contestId() + "/" + t.selectionId();
      Optional<ElGamalCiphertext> expected = recomputed.sum(t.contestId(), t.selectionId());
      if (expected.isEmpty()) {
        if (t.count() != 0 || t.encryptedTotal() != null) {
          failures.add(
              new VerificationFailure(
                  Step.V11, item, "no cast ballot carries it, yet it is not 0"));
        }
        continue;
      }
      if (t.encryptedTotal() == null || !expected.get().equals(t.encryptedTotal())) {
        failures.add(
            new VerificationFailure(
                Step.V11, item, "the encrypted total is not the sum of the cast ballots"));
        continue;
      }
      if (t.proof() == null
          || t.count() < 0
          || !t.proof()
              .verify(
                  key,
                  SelectionTotal.label(t.contestId(), t.selectionId()),
                  t.encryptedTotal(),
                  t.count())) {
        failures.add(
            new VerificationFailure(
                Step.V12, item, "the proof that it decrypts to " + t.count() + " does not verify"));
      }
    }
    return failures;
  }
}
