package org.urna.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.ChallengeReveal;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ManifestJson;
import org.urna.core.election.SampleElection;
import org.urna.core.tally.EncryptedTally;

/** Ballots in the project's real format, encrypted to the joint key, tallied by 2 of 3 trustees. */
class RealBallotsTest {
  @Test
  void castBallotsAreCountedChallengedOnesNotWithOneTrusteeAbsent() throws Exception {
    ElectionManifest manifest = SampleElection.create().manifest();
    CeremonyParameters p =
        CeremonyParameters.of(ManifestJson.electionHash(manifest), 2, List.of("A", "B", "C"));
    TestCeremony c = new TestCeremony(p).dealAll().checkAll();
    c.finishAll(c.combine());
    ElectionKey key = c.joint.toElectionKey();
    BallotEncryptor enc = new BallotEncryptor(manifest, key);
    SecureRandom rnd = new SecureRandom();
    SigningKey station = SigningKey.generate(rnd);
    String stationId = SampleElection.STATION_IDS.getFirst();
    long hour = SampleElection.DEFAULT_WINDOW.opens().getEpochSecond() / 3600;
    TrackingCode prev = TrackingCode.seed(key.extendedHash(), stationId);
    EncryptedTally tally = new EncryptedTally(manifest);
    String[] votes = {"yes", "yes", "no", "yes", "no", "yes", "yes"};
    for (int i = 0; i < votes.length; i++) {
      PlaintextBallot plain =
          new PlaintextBallot(
              SampleElection.STYLE_REFERENDUM, Map.of("amendments", Set.of(votes[i])));
      NonceSeed seed = NonceSeed.random(rnd);
      EncryptedBallot b = enc.encrypt(plain, BallotId.random(rnd), stationId, hour, seed);
      boolean challenge = i == 3; // a "yes" that is challenged, never counted
      RecordedBallot r =
          RecordedBallot.record(
              b,
              challenge ? BallotState.CHALLENGED : BallotState.CAST,
              challenge ? new ChallengeReveal(seed, plain) : null,
              prev,
              station);
      prev = r.code();
      tally.add(r);
    }
    List<EncryptedTotal> totals = EncryptedTotal.of(tally);
    Combiner.Combination comb =
        Combiner.combine(
            c.joint,
            totals,
            List.of(c.trustee(2).decrypt(c.joint, totals), c.trustee(3).decrypt(c.joint, totals)));
    Map<String, Long> counts =
        comb.totals().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    t -> t.contestId() + "/" + t.selectionId(), ThresholdTotal::count));
    assertThat(counts)
        .containsExactlyInAnyOrderEntriesOf(Map.of("amendments/yes", 4L, "amendments/no", 2L));
    assertThat(comb.absent()).containsExactly(1);
  }
}
