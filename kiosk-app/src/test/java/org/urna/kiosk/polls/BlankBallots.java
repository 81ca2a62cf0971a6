package org.urna.kiosk.polls;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.urna.ballotbox.BallotBox;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.SampleElection;

/** Blank ballots of a sample election, encrypted and cast straight into a station's ballot box. */
final class BlankBallots {
  private BlankBallots() {}

  /** Casts {@code n} blank ballots of the first ballot style, signed by {@code station}'s key. */
  static void cast(SampleElection sample, BallotBox box, String station, Instant day, int n) {
    ElectionManifest m = sample.manifest();
    BallotStyle style = m.ballotStyles().get(0);
    Map<String, Set<String>> choices = new LinkedHashMap<>();
    for (Contest c : m.contestsOf(style)) {
      choices.put(c.id(), Set.of());
    }
    PlaintextBallot blank = new PlaintextBallot(style.id(), choices);
    BallotEncryptor enc =
        new BallotEncryptor(
            m, new ElectionKey(sample.electionKey(), sample.electionPackage().extendedHash()));
    SecureRandom r = new SecureRandom();
    for (int i = 0; i < n; i++) {
      NonceSeed seed = NonceSeed.random(r);
      BallotId id = BallotId.random(r);
      var b = enc.encrypt(blank, id, station, day.getEpochSecond() / 3600, seed);
      box.storePending(b, seed);
      box.cast(id, sample.stationKey(station));
    }
  }
}
