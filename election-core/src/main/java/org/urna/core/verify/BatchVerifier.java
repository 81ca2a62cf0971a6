package org.urna.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.crypto.LinearCheck;
import org.urna.core.crypto.SignatureBatch;

/**
 * Verifies many ballots (spec 6.2): the statement checks of each ballot, the chunk's signatures as
 * one batch (spec 6.5; each alone only when the batch fails), then the proof equations of the chunk
 * as one random linear combination. A chunk that fails is split in halves until the bad ballots are
 * found, and those are checked proof by proof to name the item. Chunks run on all cores; their size
 * is {@link #chunkSize(int, int)} (decision 0409).
 */
public final class BatchVerifier {
  /** The smallest chunk: below it the multi-scalar multiplication costs more per ballot. */
  public static final int MIN_CHUNK = 256;

  /**
   * The largest chunk: Pippenger's cost per ballot still falls a little beyond (100–131 µs at 8,192
   * against 100–137 µs at 4,096 and 138–195 µs at 256 on this project's benchmark machine,
   * docs/benchmarks.md), but a failing chunk costs about twice its own check to halve down to the
   * bad ballot, and memory grows.
   */
  public static final int MAX_CHUNK = 4096;

  private final BallotVerifier single;
  private final int threads;
  private final int fixedChunk;

  public BatchVerifier(BallotVerifier single, int threads) {
    this(single, threads, 0);
  }

  /** With chunks of exactly {@code chunk} ballots (0: {@link #chunkSize(int, int)}). */
  BatchVerifier(BallotVerifier single, int threads, int chunk) {
    this.single = single;
    this.threads = Math.max(1, threads);
    this.fixedChunk = chunk;
  }

  /**
   * Ballots per chunk for {@code ballots} ballots on {@code threads} threads: as large as possible
   * up to {@link #MAX_CHUNK}, but at least four chunks a thread so that the threads finish
   * together, and never below {@link #MIN_CHUNK}.
   */
  public static int chunkSize(int ballots, int threads) {
    int perThread = (int) Math.ceil(ballots / (4.0 * Math.max(1, threads)));
    return Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, perThread));
  }

  public BatchVerifier(BallotVerifier single) {
    this(single, Runtime.getRuntime().availableProcessors());
  }

  /** Every failure among the ballots; empty when all verify. */
  public List<VerificationFailure> verify(List<RecordedBallot> ballots) {
    int chunk = fixedChunk > 0 ? fixedChunk : chunkSize(ballots.size(), threads);
    List<List<RecordedBallot>> chunks = new ArrayList<>();
    for (int i = 0; i < ballots.size(); i += chunk) {
      chunks.add(ballots.subList(i, Math.min(ballots.size(), i + chunk)));
    }
    List<VerificationFailure> failures = new ArrayList<>();
    if (threads == 1 || chunks.size() == 1) {
      chunks.forEach(c -> failures.addAll(verifyChunk(c)));
      return failures;
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<List<VerificationFailure>>> results = new ArrayList<>();
      for (List<RecordedBallot> c : chunks) {
        results.add(pool.submit(() -> verifyChunk(c)));
      }
      for (Future<List<VerificationFailure>> f : results) {
        failures.addAll(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("verification interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("verification failed to run", e.getCause());
    }
    return failures;
  }

  private List<VerificationFailure> verifyChunk(List<RecordedBallot> chunk) {
    List<VerificationFailure> failures = new ArrayList<>();
    List<RecordedBallot> wellFormed = new ArrayList<>();
    SignatureBatch signatures = new SignatureBatch();
    List<RecordedBallot> signed = new ArrayList<>();
    for (RecordedBallot r : chunk) {
      int before = signatures.size();
      List<VerificationFailure> f = single.verifyStatement(r, signatures);
      failures.addAll(f);
      if (signatures.size() > before) {
        signed.add(r);
      }
      if (f.stream().noneMatch(x -> x.step() == Step.V2)) {
        wellFormed.add(r);
      }
    }
    for (int i : signatures.failing()) {
      failures.add(BallotVerifier.badSignature(signed.get(i)));
    }
    findBadProofs(wellFormed, failures);
    return failures;
  }

  private void findBadProofs(List<RecordedBallot> ballots, List<VerificationFailure> failures) {
    if (ballots.isEmpty()) {
      return;
    }
    LinearCheck check = new LinearCheck();
    for (RecordedBallot r : ballots) {
      check.addAll(single.proofEquations(r.ballot()));
    }
    if (check.holds(single.key())) {
      return;
    }
    if (ballots.size() == 1) {
      failures.addAll(single.nameFailedProofs(ballots.getFirst().ballot()));
      return;
    }
    int mid = ballots.size() / 2;
    findBadProofs(ballots.subList(0, mid), failures);
    findBadProofs(ballots.subList(mid, ballots.size()), failures);
  }
}
