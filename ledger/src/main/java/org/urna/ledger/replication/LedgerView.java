package org.urna.ledger.replication;

import java.util.Optional;
import org.urna.core.ballot.TrackingCode;

/** What a validator may read of the replicated state while deciding on a log entry. */
public interface LedgerView {
  /** The index of the entry holding this ballot id (hex), if any. */
  Optional<Long> indexOfBallot(String ballotIdHex);

  /** The leaf bytes at an index. */
  byte[] leaf(long index);

  /** The last tracking code of a station's chain, if it has ballots in the log. */
  Optional<TrackingCode> stationHead(String stationId);

  /** The size the log will have when the next accepted leaf is appended. */
  long nextIndex();
}
