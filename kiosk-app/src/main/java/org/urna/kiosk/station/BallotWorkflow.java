package org.urna.kiosk.station;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.election.ElectionManifest;
import org.urna.kiosk.paper.PaperDocument;
import org.urna.kiosk.paper.PaperPrinter;
import org.urna.kiosk.paper.PrintOutcome;

/**
 * The heavy half of a voting session, on one worker thread (never the FX thread): encrypt ahead,
 * store pending, print the paper record, then cast (receipt) or challenge (VOID). Tasks run in
 * order on a single thread, so "Print" simply queues behind an encryption still running.
 *
 * <p>Encrypt ahead: every time the voter reaches review with different choices, a fresh ballot id
 * and seed are drawn and the ballot is encrypted; a stale encryption is skipped or dropped, never
 * stored or published. "Print" then finds the ciphertexts ready.
 */
public final class BallotWorkflow {
  private static final Logger LOG = LoggerFactory.getLogger(BallotWorkflow.class);

  private final BallotEncryptor encryptor;
  private final String stationId;
  private final BallotStore store;
  private final PaperPrinter printer;
  private final ExecutorService worker;
  private final Clock clock;
  private final SecureRandom random;

  /** Only touched on the worker thread. */
  private Prepared ahead;

  /** The ballot whose paper record is out, waiting for the voter's decision (worker thread). */
  private Prepared printed;

  private volatile long generation;

  /** An encrypted ballot with what produced it. Never leaves this class. */
  private record Prepared(
      BallotId id, NonceSeed seed, PlaintextBallot plaintext, EncryptedBallot encrypted) {}

  /** What came of printing the paper record. */
  public sealed interface RecordOutcome {
    record Printed(BallotId ballotId) implements RecordOutcome {}

    /** The printer stopped: the pending ballot was recorded as challenged (voided), never cast. */
    record PrinterStopped(org.urna.hardware.printer.PrinterFault fault, RecordedBallot voided)
        implements RecordOutcome {}
  }

  /** What came of the voter's decision: the recorded ballot and how its paper printed. */
  public record Decision(RecordedBallot recorded, PrintOutcome paper) {}

  public BallotWorkflow(
      ElectionManifest manifest,
      ElectionKey key,
      String stationId,
      BallotStore store,
      PaperPrinter printer,
      ExecutorService worker,
      Clock clock,
      SecureRandom random) {
    this.encryptor = new BallotEncryptor(manifest, key);
    this.stationId = stationId;
    this.store = store;
    this.printer = printer;
    this.worker = worker;
    this.clock = clock;
    this.random = random;
  }

  /** Starts encrypting these choices now, so that printing later finds them ready. */
  public void encryptAhead(PlaintextBallot plaintext) {
    long gen = ++generation;
    worker.execute(
        () -> {
          if (gen != generation || (ahead != null && ahead.plaintext().equals(plaintext))) {
            return;
          }
          ahead = prepare(plaintext);
        });
  }

  /**
   * Stores the ballot pending and prints its paper record, built by {@code layout} from the ballot
   * id. Reuses the encryption made ahead when the choices are the same.
   */
  public CompletableFuture<RecordOutcome> printPaperRecord(
      PlaintextBallot plaintext, Function<BallotId, PaperDocument> layout) {
    long gen = ++generation;
    return CompletableFuture.supplyAsync(
        () -> {
          Prepared p =
              ahead != null && ahead.plaintext().equals(plaintext) ? ahead : prepare(plaintext);
          ahead = null;
          if (gen != generation) {
            throw new IllegalStateException("the session ended before printing");
          }
          store.storePending(p.encrypted(), p.seed());
          PrintOutcome outcome = printer.print(layout.apply(p.id()));
          return switch (outcome) {
            case PrintOutcome.Printed ok -> {
              printed = p;
              LOG.info("paper record printed for ballot {}", p.id());
              yield new RecordOutcome.Printed(p.id());
            }
            case PrintOutcome.Failed(var fault) -> {
              LOG.warn("printer fault {} during the paper record of ballot {}", fault, p.id());
              RecordedBallot voided = store.challenge(p.id(), p.plaintext());
              forget(p);
              yield new RecordOutcome.PrinterStopped(fault, voided);
            }
          };
        },
        worker);
  }

  /** Casts the printed ballot and prints the receipt built from its tracking code. */
  public CompletableFuture<Decision> cast(Function<RecordedBallot, PaperDocument> receipt) {
    return CompletableFuture.supplyAsync(
        () -> {
          Prepared p = requirePrinted();
          RecordedBallot r = store.cast(p.id());
          forget(p);
          LOG.info("ballot {} cast", p.id());
          return new Decision(r, printer.print(receipt.apply(r)));
        },
        worker);
  }

  /**
   * Challenges the printed ballot (or voids it when the voter walked away): recorded with its seed
   * and the printed choices revealed, never counted; the VOID mark is printed under the paper.
   */
  public CompletableFuture<Decision> challenge(Function<RecordedBallot, PaperDocument> voidMark) {
    return CompletableFuture.supplyAsync(
        () -> {
          Prepared p = requirePrinted();
          RecordedBallot r = store.challenge(p.id(), p.plaintext());
          forget(p);
          LOG.info("ballot {} challenged", p.id());
          return new Decision(r, printer.print(voidMark.apply(r)));
        },
        worker);
  }

  /** True when a paper record is out and no decision is recorded yet (worker-thread view). */
  public CompletableFuture<Boolean> hasPrintedBallot() {
    return CompletableFuture.supplyAsync(() -> printed != null, worker);
  }

  /** Drops everything of the current voter: encryptions ahead, queued work results. */
  public void discard() {
    generation++;
    worker.execute(
        () -> {
          if (ahead != null) {
            ahead.seed().destroy();
            ahead = null;
          }
        });
  }

  private Prepared requirePrinted() {
    Prepared p = printed;
    if (p == null) {
      throw new IllegalStateException("no paper record is waiting for a decision");
    }
    return p;
  }

  private void forget(Prepared p) {
    if (printed == p) {
      printed = null;
    }
    p.seed().destroy();
  }

  private Prepared prepare(PlaintextBallot plaintext) {
    BallotId id = BallotId.random(random);
    NonceSeed seed = NonceSeed.random(random);
    long hour = clock.instant().getEpochSecond() / 3600;
    EncryptedBallot enc = encryptor.encrypt(plaintext, id, stationId, hour, seed);
    return new Prepared(id, seed, plaintext, enc);
  }
}
