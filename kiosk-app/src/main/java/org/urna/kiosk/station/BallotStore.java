package org.urna.kiosk.station;

import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;

/**
 * The kiosk's view of the station's ballot box, shaped like the ballot-box module's {@code
 * BallotBox}: a ballot is stored pending before its paper record is printed, then either cast or
 * challenged. Called on the kiosk's worker thread only. Failures are {@link BallotStoreException}s
 * with words for the poll worker.
 */
public interface BallotStore {
  /** Keeps the encrypted ballot and its nonce seed until the voter decides. */
  void storePending(EncryptedBallot ballot, NonceSeed seed);

  /** Commits the pending ballot as cast (the seed is destroyed) and returns what was recorded. */
  RecordedBallot cast(BallotId id);

  /**
   * Records the pending ballot as challenged: its seed and the choices on the paper are revealed so
   * anyone can check the encryption; it is never counted.
   */
  RecordedBallot challenge(BallotId id, PlaintextBallot claimed);
}
