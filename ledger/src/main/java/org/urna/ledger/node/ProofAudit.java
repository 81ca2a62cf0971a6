package org.urna.ledger.node;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.core.ballot.BallotFormatException;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.verify.BallotVerifier;
import org.urna.core.verify.VerificationFailure;
import org.urna.ledger.replication.LedgerLeaf;
import org.urna.ledger.replication.LedgerStateMachine;

/**
 * Full verification of every accepted ballot's proofs with election-core's verifier, behind the
 * ingest path (too slow to hold up consensus). Results are published per entry.
 */
public final class ProofAudit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProofAudit.class);

  private final BallotVerifier verifier;
  private final LedgerStateMachine machine;
  private final AtomicLong checked = new AtomicLong();
  private final Map<Long, String> failures = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  public ProofAudit(BallotVerifier verifier, LedgerStateMachine machine) {
    this.verifier = verifier;
    this.machine = machine;
    this.thread = Thread.ofVirtual().name("proof-audit").start(this::run);
  }

  private void run() {
    while (running) {
      try {
        long size = machine.state().log().size();
        long next = checked.get();
        if (next > size) {
          // The log was rebuilt shorter (snapshot restore): start over.
          checked.set(0);
          failures.clear();
          continue;
        }
        if (next == size) {
          Thread.sleep(100);
          continue;
        }
        byte[] leaf = machine.state().leaf(next);
        String failure;
        try {
          if (LedgerLeaf.isEvent(leaf)) {
            // a station's event: its signature and order were checked at ingest; no proofs
            checked.incrementAndGet();
            continue;
          }
          // Ingest left the points undecoded: decoding here checks every one is on the curve.
          RecordedBallot ballot = LedgerLeaf.ballot(leaf);
          List<VerificationFailure> f = verifier.verify(ballot);
          failure = f.isEmpty() ? null : f.toString();
        } catch (BallotFormatException e) {
          failure = "malformed ballot: " + e.getMessage();
        }
        if (failure != null) {
          failures.put(next, failure);
          LOG.warn("Entry {} failed proof verification: {}", next, failure);
        }
        checked.incrementAndGet();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("Proof audit stumbled: {}", e.toString());
        try {
          Thread.sleep(200);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** "verified", "failed: ..." or "pending" for an entry. */
  public String status(long index) {
    if (index >= checked.get()) {
      return "pending";
    }
    return Optional.ofNullable(failures.get(index)).map(f -> "failed: " + f).orElse("verified");
  }

  public long checked() {
    return checked.get();
  }

  public int failed() {
    return failures.size();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
