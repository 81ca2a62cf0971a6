package org.urna.ledger.http;

import java.util.List;
import java.util.Optional;
import org.urna.core.ballot.BallotFormatException;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.replication.LedgerLeaf;
import org.urna.ledger.replication.RecordedBallotFrame;
import org.urna.ledger.replication.Verdict;

/**
 * What a validator checks before it replicates a submission: every ballot is framed as a recorded
 * ballot ({@link RecordedBallotFrame}: every length, count and identifier bounded), and fits a
 * ledger entry. Nothing that fails here reaches the Raft log; the state machine checks the same
 * again (a leader may be faulty), and never fails on what it finds.
 */
final class Admission {
  private Admission() {}

  /** Why the batch is refused before replication, in a technician's words; empty when it may go. */
  static Optional<String> refusal(List<byte[]> ballots) {
    for (int i = 0; i < ballots.size(); i++) {
      byte[] b = ballots.get(i);
      if (b.length > MerkleLog.MAX_ENTRY - LedgerLeaf.OVERHEAD) {
        return Optional.of("ballot " + i + ": larger than a ledger entry can be");
      }
      try {
        RecordedBallotFrame.read(b);
      } catch (BallotFormatException e) {
        return Optional.of(
            Verdict.cut("ballot " + i + ": malformed ballot: " + e.getMessage(), 300));
      } catch (RuntimeException e) {
        return Optional.of("ballot " + i + ": malformed ballot");
      }
    }
    return Optional.empty();
  }
}
