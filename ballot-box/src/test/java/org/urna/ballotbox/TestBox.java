package org.urna.ballotbox;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.TestElection;

/** The test election, ballots for it and raw access to a box file. */
final class TestBox {
  static final TestElection ELECTION = new TestElection();
  static final String PASSWORD = "correct-horse-battery";
  static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(TestElection.HOUR * 3600 + 1200), ZoneOffset.UTC);
  private static final SecureRandom SECURE = new SecureRandom();

  private TestBox() {}

  /** A ballot the kiosk encrypted, with what the box must never store. */
  record Made(EncryptedBallot ballot, NonceSeed seed, PlaintextBallot plaintext) {
    BallotId id() {
      return ballot.ballotId();
    }
  }

  static Made ballot(String style, Random random) {
    return ballot(style, random, "s1");
  }

  static Made ballot(String style, Random random, String station) {
    PlaintextBallot p = ELECTION.randomBallot(style, random);
    NonceSeed seed = NonceSeed.random(SECURE);
    EncryptedBallot b =
        new BallotEncryptor(ELECTION.manifest, ELECTION.key)
            .encrypt(p, BallotId.random(SECURE), station, TestElection.HOUR, seed);
    return new Made(b, seed, p);
  }

  static BallotBox open(Path path) {
    return BallotBox.open(
        path,
        PASSWORD.toCharArray(),
        ELECTION.manifest,
        ELECTION.key,
        "s1",
        ELECTION.stationKey,
        CLOCK);
  }

  /** A plain JDBC connection to the box file, with the right password (for tampering). */
  static Connection raw(Path path) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + path.toAbsolutePath() + ";CIPHER=AES;IFEXISTS=TRUE",
        BoxFile.USER,
        PASSWORD + " " + PASSWORD);
  }
}
