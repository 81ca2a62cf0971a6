package org.urna.kiosk.proof;

import java.security.SecureRandom;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.SigningKey;
import org.urna.kiosk.station.BallotStore;
import org.urna.kiosk.station.BallotStoreException;

/**
 * The proof's ballot store: keeps nothing. The one pending ballot of the proof's voter is held in
 * memory until "Cast", then turned into a recorded ballot signed with a throwaway key (so the
 * receipt has a tracking code to print) and forgotten. Nothing is written anywhere; the proof's
 * ballots are encrypted to a throwaway election key whose secret nobody keeps.
 */
final class ProofStore implements BallotStore {
  private final SigningKey throwawayStationKey = SigningKey.generate(new SecureRandom());
  private EncryptedBallot pending;

  @Override
  public synchronized void storePending(EncryptedBallot ballot, NonceSeed seed) {
    pending = ballot;
  }

  @Override
  public synchronized RecordedBallot cast(BallotId id) {
    EncryptedBallot b = pending;
    pending = null;
    if (b == null || !b.ballotId().equals(id)) {
      throw new BallotStoreException("the proof holds no pending ballot " + id);
    }
    return RecordedBallot.record(
        b,
        BallotState.CAST,
        null,
        TrackingCode.seed(b.extendedHash(), b.stationId()),
        throwawayStationKey);
  }

  @Override
  public RecordedBallot challenge(BallotId id, PlaintextBallot claimed) {
    throw new BallotStoreException("the proof never challenges a ballot");
  }

  /** True when no ballot is held (after every cast). */
  synchronized boolean empty() {
    return pending == null;
  }
}
