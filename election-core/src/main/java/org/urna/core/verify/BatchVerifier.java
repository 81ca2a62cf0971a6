package org.urna.core.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.crypto.LinearCheck;

/**
 * Verifies many ballots (spec 6.2): the statement checks of each ballot, then the proof equations
 * of a chunk of ballots as one random linear combination. A chunk that fails is split in halves
 * until the bad ballots are found, and those are checked proof by proof to name the item. Chunks
 * run on all cores.
 */
public final class BatchVerifier {
  private static final int CHUNK = 256;
  private final BallotVerifier single;
  private final int threads;

  public BatchVerifier(BallotVerifier single, int threads) {
    this.single = single;
    this.threads = Math.max(1, threads);
  }

  public BatchVerifier(BallotVerifier single) {
    this(single, Runtime.getRuntime().availableProcessors());
  }

  /** Every failure among the ballots; empty when all verify. */
  public List<VerificationFailure> verify(List<RecordedBallot> ballots) {
    List<List<RecordedBallot>> chunks = new ArrayList<>();
    for (int i = 0; i < ballots.size(); i += CHUNK) {
      chunks.add(ballots.subList(i, Math.min(ballots.size(), i + CHUNK)));
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
    for (RecordedBallot r : chunk) {
      List<VerificationFailure> f = single.verifyStatement(r);
      failures.addAll(f);
      if (f.stream().noneMatch(x -> x.step() == Step.V2)) {
        wellFormed.add(r);
      }
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
