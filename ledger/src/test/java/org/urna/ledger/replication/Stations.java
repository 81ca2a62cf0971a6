package org.urna.ledger.replication;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TestElection;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.SigningKey;

/** Stations of the test election producing chained, signed referendum ballots. */
public final class Stations {
  public static final TestElection ELECTION = new TestElection();
  private static final SecureRandom RANDOM = new SecureRandom();
  private final BallotEncryptor encryptor = new BallotEncryptor(ELECTION.manifest, ELECTION.key);
  private final Map<String, TrackingCode> heads = new HashMap<>();
  private final Random random = new Random(7);

  public static ElectionRules rules() {
    return ElectionRules.of(ELECTION.manifest, ELECTION.key);
  }

  public static SigningKey keyOf(String station) {
    return station.equals("s1") ? ELECTION.stationKey : ELECTION.otherStationKey;
  }

  /** The next n ballots of a station's chain, signed with {@code key}. */
  public List<RecordedBallot> next(String station, int n, SigningKey key) {
    return next(station, n, key, 0);
  }

  /**
   * The next n ballots of a station's chain, signed with {@code key}; every {@code
   * challengeEvery}-th is challenged, with its reveal (0: none).
   */
  public List<RecordedBallot> next(String station, int n, SigningKey key, int challengeEvery) {
    List<RecordedBallot> out = new ArrayList<>();
    TrackingCode prev =
        heads.computeIfAbsent(station, s -> TrackingCode.seed(ELECTION.key.extendedHash(), s));
    for (int i = 0; i < n; i++) {
      var plain = ELECTION.randomBallot("referendum", random);
      NonceSeed seed = NonceSeed.random(RANDOM);
      var b = encryptor.encrypt(plain, BallotId.random(RANDOM), station, TestElection.HOUR, seed);
      boolean challenged = challengeEvery > 0 && (i + 1) % challengeEvery == 0;
      RecordedBallot r =
          challenged
              ? RecordedBallot.record(
                  b,
                  BallotState.CHALLENGED,
                  new org.urna.core.ballot.ChallengeReveal(seed, plain),
                  prev,
                  key)
              : RecordedBallot.record(b, BallotState.CAST, null, prev, key);
      out.add(r);
      prev = r.code();
    }
    heads.put(station, prev);
    return out;
  }

  public List<RecordedBallot> next(String station, int n) {
    return next(station, n, keyOf(station));
  }

  /**
   * The next n cast ballots of a station's chain, for tests that need thousands: the encryption
   * (the slow part, independent from ballot to ballot) runs on the common pool, then the ballots
   * are chained and signed in order, as {@link #next(String, int)} does.
   */
  public List<RecordedBallot> bulk(String station, int n) {
    long base = random.nextLong();
    var encrypted =
        java.util.stream.IntStream.range(0, n)
            .parallel()
            .mapToObj(
                i ->
                    encryptor.encrypt(
                        ELECTION.randomBallot("referendum", new Random(base + i)),
                        BallotId.random(RANDOM),
                        station,
                        TestElection.HOUR,
                        NonceSeed.random(RANDOM)))
            .toList();
    TrackingCode prev =
        heads.computeIfAbsent(station, s -> TrackingCode.seed(ELECTION.key.extendedHash(), s));
    List<RecordedBallot> out = new ArrayList<>(n);
    for (var b : encrypted) {
      RecordedBallot r = RecordedBallot.record(b, BallotState.CAST, null, prev, keyOf(station));
      out.add(r);
      prev = r.code();
    }
    heads.put(station, prev);
    return out;
  }

  /** A station's batch as stations send it: signed once over every byte (decision 0208). */
  public static byte[] signedBatch(String station, List<RecordedBallot> ballots) {
    List<byte[]> bytes = bytes(ballots);
    byte[] sig =
        org.urna.core.ballot.BatchStatement.sign(
                keyOf(station), ELECTION.key.extendedHash(), station, bytes)
            .toBytes();
    return Commands.signedBatch(sig, bytes);
  }

  public static List<byte[]> bytes(List<RecordedBallot> ballots) {
    return ballots.stream().map(RecordedBallot::toBytes).toList();
  }
}
