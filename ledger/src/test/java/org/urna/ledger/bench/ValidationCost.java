package org.urna.ledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.urna.core.ballot.RecordedBallot;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.replication.BallotValidator;
import org.urna.ledger.replication.EntryValidator;
import org.urna.ledger.replication.LedgerState;
import org.urna.ledger.replication.Stations;

/**
 * Benchmark harness (not a test): CPU time one validator spends per ballot in its state machine
 * (decode, election/station/window/duplicate checks, tracking-code chain, the batch signature over
 * every byte or, unsigned, every ballot's own signature, Merkle append), single thread, best of
 * several rounds.
 */
public final class ValidationCost {
  /**
   * Batches without a station signature (every ballot's own signature verified) with
   * -Durna.bench.unsigned=true; by default signed batches (one signature over the batch, decision
   * 0208).
   */
  static final boolean UNSIGNED = Boolean.getBoolean("urna.bench.unsigned");

  public static void main(String[] args) throws Exception {
    int batch = args.length > 0 ? Integer.parseInt(args[0]) : 250;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Stations stations = new Stations();
    List<List<RecordedBallot>> batches = new java.util.ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      batches.add(stations.next("s1", batch));
    }
    Path dir = Files.createTempDirectory("validation-cost");
    BallotValidator v = new BallotValidator(Stations.rules());
    double best = Double.MAX_VALUE;
    try (MerkleLog log = MerkleLog.open(dir.resolve("entries.log"))) {
      LedgerState state = new LedgerState(log);
      for (List<RecordedBallot> b : batches) {
        List<byte[]> bytes = Stations.bytes(b);
        java.util.Optional<byte[]> sig =
            UNSIGNED
                ? java.util.Optional.empty()
                : java.util.Optional.of(
                    org.urna.core.ballot.BatchStatement.sign(
                            Stations.keyOf("s1"), Stations.ELECTION.key.extendedHash(), "s1", bytes)
                        .toBytes());
        long t = System.nanoTime();
        EntryValidator.Decision d = v.decide(bytes, sig, state);
        state.append(d.leaves());
        double us = (System.nanoTime() - t) / 1e3 / b.size();
        best = Math.min(best, us);
        System.out.printf("batch of %d: %.1f us per ballot%n", b.size(), us);
      }
    }
    System.out.printf("best: %.1f us per ballot per validator%n", best);
  }
}
