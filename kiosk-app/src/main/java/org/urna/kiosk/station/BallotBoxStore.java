package org.urna.kiosk.station;

import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotBoxException;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.crypto.SigningKey;

/**
 * The kiosk's ballot store on the station's real ballot box (encrypted H2, durable on return). The
 * box's refusals keep their poll-worker wording and travel as {@link BallotStoreException}s.
 */
public final class BallotBoxStore implements BallotStore {
  private final BallotBox box;
  private final SigningKey stationKey;

  public BallotBoxStore(BallotBox box, SigningKey stationKey) {
    this.box = box;
    this.stationKey = stationKey;
  }

  @Override
  public void storePending(EncryptedBallot ballot, NonceSeed seed) {
    try {
      box.storePending(ballot, seed);
    } catch (BallotBoxException e) {
      throw new BallotStoreException(e.getMessage(), e);
    }
  }

  @Override
  public RecordedBallot cast(BallotId id) {
    try {
      return box.cast(id, stationKey);
    } catch (BallotBoxException e) {
      throw new BallotStoreException(e.getMessage(), e);
    }
  }

  @Override
  public RecordedBallot challenge(BallotId id, PlaintextBallot claimed) {
    try {
      return box.challenge(id, claimed, stationKey);
    } catch (BallotBoxException e) {
      throw new BallotStoreException(e.getMessage(), e);
    }
  }
}
