package org.urna.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.urna.ballotbox.outbox.OutboxEntry;
import org.urna.sync.ledger.LedgerCallException;
import org.urna.sync.ledger.LedgerLink;
import org.urna.tlog.InclusionProof;

/**
 * Fetches inclusion proofs for many ballots at once, a few requests in flight (virtual threads).
 */
final class ProofFetcher implements AutoCloseable {
  private final LedgerLink link;
  private final Semaphore inFlight;
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

  ProofFetcher(LedgerLink link, int parallelism) {
    this.link = link;
    this.inFlight = new Semaphore(parallelism);
  }

  sealed interface Fetched {
    record Proven(OutboxEntry entry, LedgerLink.Answer<InclusionProof> answer) implements Fetched {}

    record Failed(OutboxEntry entry, LedgerCallException error) implements Fetched {}
  }

  /** One result per entry, in the entries' order. */
  List<Fetched> fetch(List<OutboxEntry> entries) throws LedgerCallException {
    List<Future<Fetched>> futures = new ArrayList<>();
    for (OutboxEntry e : entries) {
      futures.add(pool.submit(() -> one(e)));
    }
    List<Fetched> out = new ArrayList<>();
    try {
      for (Future<Fetched> f : futures) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new LedgerCallException(
          LedgerCallException.Kind.UNREACHABLE, "", "the sync was stopped", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a proof fetch failed unexpectedly", e.getCause());
    }
    return out;
  }

  private Fetched one(OutboxEntry e) throws InterruptedException {
    inFlight.acquire();
    try {
      return new Fetched.Proven(e, link.proof(e.ballotId().toHex()));
    } catch (LedgerCallException ex) {
      return new Fetched.Failed(e, ex);
    } finally {
      inFlight.release();
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
