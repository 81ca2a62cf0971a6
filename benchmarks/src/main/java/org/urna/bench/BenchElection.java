package org.urna.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.crypto.ElGamalSecretKey;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Scalar;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.LocalizedText;
import org.urna.core.election.ReferendumContest;
import org.urna.core.election.Station;
import org.urna.core.election.VotingWindow;

/** The benchmark election: 4 contests × 5 candidates (vote for 1) and a yes/no referendum. */
final class BenchElection {
  static final Instant OPENS = Instant.parse("2026-09-20T05:00:00Z");
  static final long HOUR = OPENS.getEpochSecond() / 3600 + 1;

  final ElectionManifest manifest;
  final ElectionKey key;
  final ElGamalSecretKey secret;
  final SigningKey stationKey = SigningKey.fromSeed(Hash.tagged("bench-station").digest());

  BenchElection() {
    List<Contest> contests = new ArrayList<>();
    for (int c = 1; c <= 4; c++) {
      List<CandidateContest.Candidate> cands = new ArrayList<>();
      for (int k = 1; k <= 5; k++) {
        cands.add(
            new CandidateContest.Candidate(
                "c" + c + "-" + k, LocalizedText.of("en", "C" + k), null));
      }
      contests.add(
          new CandidateContest("contest-" + c, LocalizedText.of("en", "Contest " + c), 1, cands));
    }
    LocalizedText t = LocalizedText.of("en", "Question");
    contests.add(
        new ReferendumContest(
            "referendum", t, t, LocalizedText.of("en", "Yes"), LocalizedText.of("en", "No")));
    manifest =
        new ElectionManifest(
            "bench",
            LocalizedText.of("en", "Benchmark"),
            List.of("en"),
            new VotingWindow(OPENS, OPENS.plusSeconds(12 * 3600)),
            contests,
            List.of(
                new BallotStyle(
                    "four-by-five", t, List.of("contest-1", "contest-2", "contest-3", "contest-4")),
                new BallotStyle("referendum", t, List.of("referendum"))),
            List.of(new Station("s1", t, stationKey.publicKey())));
    secret = new ElGamalSecretKey(Scalar.of(987654321L));
    key = new ElectionKey(secret.publicKey(), Hash.tagged("bench-context").digest());
  }

  PlaintextBallot ballot(String styleId, Random random) {
    Map<String, Set<String>> choices = new LinkedHashMap<>();
    for (Contest c : manifest.contestsOf(manifest.ballotStyle(styleId).orElseThrow())) {
      List<String> ids = c.selectionIds();
      choices.put(c.id(), Set.of(ids.get(random.nextInt(ids.size()))));
    }
    return new PlaintextBallot(styleId, choices);
  }
}
