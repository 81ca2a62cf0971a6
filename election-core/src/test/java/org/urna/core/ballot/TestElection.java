package org.urna.core.ballot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.urna.core.crypto.ElGamalSecretKey;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.LocalizedText;
import org.urna.core.election.ReferendumContest;
import org.urna.core.election.Station;
import org.urna.core.election.VotingWindow;

/** A small fixed election for the crypto tests: fixed keys, so runs are reproducible. */
public final class TestElection {
  public static final Instant OPENS = Instant.parse("2026-09-20T05:00:00Z");
  public static final Instant CLOSES = Instant.parse("2026-09-20T17:00:00Z");
  public static final long HOUR = OPENS.getEpochSecond() / 3600 + 2;

  public final ElectionManifest manifest;
  public final ElGamalSecretKey secret;
  public final ElectionKey key;
  public final SigningKey stationKey;
  public final SigningKey otherStationKey;

  public TestElection() {
    stationKey = SigningKey.fromSeed(Hash.tagged("test-station").part("s1").digest());
    otherStationKey = SigningKey.fromSeed(Hash.tagged("test-station").part("s2").digest());
    List<Contest> contests = new ArrayList<>();
    for (int c = 1; c <= 4; c++) {
      List<CandidateContest.Candidate> cands = new ArrayList<>();
      for (int k = 1; k <= 5; k++) {
        cands.add(
            new CandidateContest.Candidate(
                "c" + c + "-" + k, LocalizedText.of("en", "Candidate " + k), null));
      }
      contests.add(
          new CandidateContest(
              "council-" + c, LocalizedText.of("en", "Council " + c), c == 4 ? 2 : 1, cands));
    }
    contests.add(
        new ReferendumContest(
            "amendments",
            LocalizedText.of("en", "Amendments"),
            LocalizedText.of("en", "Do you approve?"),
            LocalizedText.of("en", "Yes"),
            LocalizedText.of("en", "No")));
    manifest =
        new ElectionManifest(
            "test-2026",
            LocalizedText.of("en", "Test election"),
            List.of("en"),
            new VotingWindow(OPENS, CLOSES),
            contests,
            List.of(
                new BallotStyle(
                    "four-by-five",
                    LocalizedText.of("en", "Council"),
                    List.of("council-1", "council-2", "council-3", "council-4")),
                new BallotStyle(
                    "referendum", LocalizedText.of("en", "Referendum"), List.of("amendments"))),
            List.of(
                new Station("s1", LocalizedText.of("en", "Station 1"), stationKey.publicKey()),
                new Station(
                    "s2", LocalizedText.of("en", "Station 2"), otherStationKey.publicKey())));
    secret =
        new ElGamalSecretKey(
            org.urna.core.crypto.Scalar.fromHex(
                HexFormat.of()
                    .formatHex(Hash.tagged("test-secret").digest())
                    .replaceFirst("^.", "0")));
    key = new ElectionKey(secret.publicKey(), Hash.tagged("test-context").digest());
  }

  /** A random valid plaintext ballot for a style (undervotes included). */
  public PlaintextBallot randomBallot(String styleId, Random random) {
    BallotStyle style = manifest.ballotStyle(styleId).orElseThrow();
    Map<String, Set<String>> choices = new LinkedHashMap<>();
    for (Contest c : manifest.contestsOf(style)) {
      List<String> ids = new ArrayList<>(c.selectionIds());
      java.util.Collections.shuffle(ids, random);
      int n = random.nextInt(c.limit() + 1);
      choices.put(c.id(), Set.copyOf(ids.subList(0, n)));
    }
    return new PlaintextBallot(styleId, choices);
  }
}
