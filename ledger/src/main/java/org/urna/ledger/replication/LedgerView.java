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

  /** The number of ballots of a station in the log. */
  long stationCount(String stationId);

  /** A station's lifecycle events in the log, in their order (empty before its first). */
  java.util.List<StationEventEntry> stationEvents(String stationId);

  /**
   * A station's lifecycle event as the log holds it.
   *
   * @param reason why the station was reset, for a reset (its words)
   * @param index its leaf's index
   */
  record StationEventEntry(
      long sequence,
      org.urna.core.station.StationLifecycleEvent.Kind kind,
      long time,
      long ballots,
      Optional<String> reportHex,
      Optional<String> reason,
      long index) {}
}
