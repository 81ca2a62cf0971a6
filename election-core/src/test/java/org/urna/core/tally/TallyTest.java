package org.urna.core.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.ChallengeReveal;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TestElection;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.verify.Step;
import org.urna.core.verify.VerificationFailure;

class TallyTest {
  static final TestElection E = new TestElection();

  @Test
  void partsAddedTogetherGiveTheWholeTally() {
    SecureRandom rnd = new SecureRandom();
    Random choices = new Random(7);
    BallotEncryptor enc = new BallotEncryptor(E.manifest, E.key);
    EncryptedTally whole = new EncryptedTally(E.manifest);
    EncryptedTally odd = new EncryptedTally(E.manifest);
    EncryptedTally even = new EncryptedTally(E.manifest);
    TrackingCode prev = TrackingCode.seed(E.key.extendedHash(), "s1");
    for (int i = 0; i < 9; i++) {
      PlaintextBallot p = E.randomBallot(i % 2 == 0 ? "referendum" : "four-by-five", choices);
      NonceSeed seed = NonceSeed.random(rnd);
      EncryptedBallot b = enc.encrypt(p, BallotId.random(rnd), "s1", TestElection.HOUR, seed);
      RecordedBallot r =
          i == 4
              ? RecordedBallot.record(
                  b, BallotState.CHALLENGED, new ChallengeReveal(seed, p), prev, E.stationKey)
              : RecordedBallot.record(b, BallotState.CAST, null, prev, E.stationKey);
      prev = r.code();
      whole.add(r);
      (i % 2 == 0 ? even : odd).add(r);
    }
    EncryptedTally sum = new EncryptedTally(E.manifest);
    sum.addAll(odd);
    sum.addAll(even);
    assertThat(sum.castBallots()).isEqualTo(whole.castBallots()).isEqualTo(8);
    whole
        .sums()
        .forEach(
            (c, m) ->
                m.keySet()
                    .forEach(
                        s ->
                            assertThat(sum.sum(c, s))
                                .as(c + "/" + s)
                                .isEqualTo(whole.sum(c, s))
                                .isPresent()));
    assertThat(sum.sums().values().stream().mapToInt(Map::size).sum())
        .isEqualTo(whole.sums().values().stream().mapToInt(Map::size).sum());
    // one part counted twice is not the whole
    sum.addAll(odd);
    assertThat(sum.castBallots()).isNotEqualTo(whole.castBallots());
  }

  @Test
  void decryptedTotalsEqualThePlaintextCountsOfCastBallotsOnly() {
    SecureRandom rnd = new SecureRandom();
    Random choices = new Random(42);
    BallotEncryptor enc = new BallotEncryptor(E.manifest, E.key);
    EncryptedTally tally = new EncryptedTally(E.manifest);
    Map<String, Long> expected = new HashMap<>();
    TrackingCode prev = TrackingCode.seed(E.key.extendedHash(), "s1");
    for (int i = 0; i < 40; i++) {
      String style = i % 3 == 0 ? "referendum" : "four-by-five";
      PlaintextBallot p = E.randomBallot(style, choices);
      NonceSeed seed = NonceSeed.random(rnd);
      EncryptedBallot b = enc.encrypt(p, BallotId.random(rnd), "s1", TestElection.HOUR, seed);
      boolean challenge = i % 7 == 3;
      RecordedBallot r =
          challenge
              ? RecordedBallot.record(
                  b, BallotState.CHALLENGED, new ChallengeReveal(seed, p), prev, E.stationKey)
              : RecordedBallot.record(b, BallotState.CAST, null, prev, E.stationKey);
      prev = r.code();
      tally.add(r);
      if (!challenge) {
        p.choices()
            .forEach((c, sels) -> sels.forEach(s -> expected.merge(c + "/" + s, 1L, Long::sum)));
      }
    }
    List<SelectionTotal> totals = new TallyDecryptor(E.manifest, E.key, E.secret).decrypt(tally);
    for (SelectionTotal t : totals) {
      assertThat(t.count())
          .as(t.contestId() + "/" + t.selectionId())
          .isEqualTo(expected.getOrDefault(t.contestId() + "/" + t.selectionId(), 0L));
    }
    TallyVerifier verifier = new TallyVerifier(E.key);
    assertThat(verifier.verify(tally, totals)).isEmpty();

    // A published count that is off by one fails V12; a total not summed from the ballots, V11.
    SelectionTotal first = totals.stream().filter(t -> t.proof() != null).findFirst().orElseThrow();
    SelectionTotal inflated =
        new SelectionTotal(
            first.contestId(),
            first.selectionId(),
            first.count() + 1,
            first.encryptedTotal(),
            first.proof());
    List<SelectionTotal> withInflated = new java.util.ArrayList<>(totals);
    withInflated.set(totals.indexOf(first), inflated);
    assertThat(verifier.verify(tally, withInflated))
        .extracting(VerificationFailure::step)
        .containsExactly(Step.V12);
    // Leaving a total out, or publishing one twice, fails V11.
    List<SelectionTotal> missing = new java.util.ArrayList<>(totals);
    missing.remove(first);
    assertThat(verifier.verify(tally, missing))
        .extracting(VerificationFailure::step)
        .containsExactly(Step.V11);
    List<SelectionTotal> twice = new java.util.ArrayList<>(totals);
    twice.add(first);
    assertThat(verifier.verify(tally, twice))
        .extracting(VerificationFailure::step)
        .containsExactly(Step.V11);
    SelectionTotal swapped =
        new SelectionTotal(
            first.contestId(),
            first.selectionId(),
            first.count(),
            first.encryptedTotal().add(first.encryptedTotal()),
            first.proof());
    List<SelectionTotal> withSwapped = new java.util.ArrayList<>(totals);
    withSwapped.set(totals.indexOf(first), swapped);
    assertThat(verifier.verify(tally, withSwapped))
        .extracting(VerificationFailure::step)
        .containsExactly(Step.V11);
  }
}
