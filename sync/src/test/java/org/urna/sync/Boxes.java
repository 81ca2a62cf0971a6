package org.urna.sync;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.urna.ballotbox.BallotBox;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.TestElection;
import org.urna.core.crypto.SigningKey;

/** Real ballot boxes (encrypted H2 files) of the test election's stations s1 and s2. */
public final class Boxes {
  public static final TestElection ELECTION = new TestElection();
  static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(TestElection.HOUR * 3600 + 1200), ZoneOffset.UTC);
  private static final SecureRandom SECURE = new SecureRandom();

  private Boxes() {}

  public static BallotBox open(Path dir, String station) {
    return BallotBox.open(
        dir.resolve("box-" + station),
        "correct-horse-battery".toCharArray(),
        ELECTION.manifest,
        ELECTION.key,
        station,
        key(station),
        CLOCK);
  }

  public static SigningKey key(String station) {
    return station.equals("s1") ? ELECTION.stationKey : ELECTION.otherStationKey;
  }

  /** Casts {@code n} referendum ballots into the box, as the kiosk does. */
  public static void cast(BallotBox box, int n, Random random) {
    BallotEncryptor enc = new BallotEncryptor(ELECTION.manifest, ELECTION.key);
    for (int i = 0; i < n; i++) {
      NonceSeed seed = NonceSeed.random(SECURE);
      EncryptedBallot b =
          enc.encrypt(
              ELECTION.randomBallot("referendum", random),
              BallotId.random(SECURE),
              box.stationId(),
              TestElection.HOUR,
              seed);
      box.storePending(b, seed);
      box.cast(b.ballotId(), key(box.stationId()));
    }
  }
}
