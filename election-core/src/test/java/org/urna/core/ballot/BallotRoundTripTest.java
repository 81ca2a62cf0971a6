package org.urna.core.ballot;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.urna.core.verify.BallotVerifier;
import org.urna.core.verify.VerificationFailure;

class BallotRoundTripTest {
  static final TestElection E = new TestElection();

  @Test
  void honestBallotVerifiesAndRoundTrips() {
    SecureRandom rnd = new SecureRandom();
    BallotEncryptor enc = new BallotEncryptor(E.manifest, E.key);
    PlaintextBallot p = E.randomBallot("four-by-five", new Random(1));
    EncryptedBallot b =
        enc.encrypt(p, BallotId.random(rnd), "s1", TestElection.HOUR, NonceSeed.random(rnd));
    RecordedBallot r =
        RecordedBallot.record(
            b, BallotState.CAST, null, TrackingCode.seed(E.key.extendedHash(), "s1"), E.stationKey);
    List<VerificationFailure> f = new BallotVerifier(E.manifest, E.key).verify(r);
    assertThat(f).isEmpty();
    RecordedBallot back = RecordedBallot.decode(r.toBytes());
    assertThat(back.toBytes()).isEqualTo(r.toBytes());
    assertThat(back.code()).isEqualTo(r.code());
    long t0 = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      enc.encrypt(p, BallotId.random(rnd), "s1", TestElection.HOUR, NonceSeed.random(rnd));
    }
    long t1 = System.nanoTime();
    BallotVerifier v = new BallotVerifier(E.manifest, E.key);
    for (int i = 0; i < 200; i++) {
      v.verify(r);
    }
    long t2 = System.nanoTime();
    System.out.printf(
        "encrypt %.3f ms, verify %.3f ms, bytes %d%n",
        (t1 - t0) / 200e6, (t2 - t1) / 200e6, r.toBytes().length);
  }
}
