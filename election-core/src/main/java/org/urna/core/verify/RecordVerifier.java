package org.urna.core.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElectionKey;

/**
 * Checks what needs the whole sequence of recorded ballots (spec 7): V7, each station's ballots, in
 * the order given, chain from {@code TrackingCode.seed(Q, station)}; V10, no ballot id twice.
 */
public final class RecordVerifier {
  private final ElectionKey key;

  public RecordVerifier(ElectionKey key) {
    this.key = key;
  }

  /** Failures of V7 and V10 over ballots listed in each station's chain order. */
  public List<VerificationFailure> verifySequence(List<RecordedBallot> ballots) {
    List<VerificationFailure> failures = new ArrayList<>();
    Map<String, TrackingCode> heads = new HashMap<>();
    Set<BallotId> seen = new HashSet<>();
    for (RecordedBallot r : ballots) {
      String station = r.ballot().stationId();
      TrackingCode expected =
          heads.computeIfAbsent(station, s -> TrackingCode.seed(key.extendedHash(), s));
      if (!r.previous().equals(expected)) {
        failures.add(
            new VerificationFailure(
                Step.V7,
                "ballot " + r.ballotId() + " of station " + station,
                "its previous tracking code "
                    + r.previous().display()
                    + " is not the station's last code "
                    + expected.display()
                    + " (a ballot is missing, reordered or inserted)"));
      }
      heads.put(station, r.code());
      if (!seen.add(r.ballotId())) {
        failures.add(
            new VerificationFailure(Step.V10, "ballot " + r.ballotId(), "the id appears twice"));
      }
    }
    return failures;
  }
}
