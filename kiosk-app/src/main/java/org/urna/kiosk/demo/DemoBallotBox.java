package org.urna.kiosk.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotCounts;
import org.urna.ballotbox.outbox.OutboxCounts;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.kiosk.station.BallotBoxStore;
import org.urna.kiosk.station.BallotStore;

/**
 * The demo's ballot box: the real encrypted H2 box in a fresh temporary folder, opened on the
 * kiosk's worker thread once the waiting screen shows (polls open when it is ready), and deleted
 * when the demo ends. The store calls run on that same worker, after the opening.
 */
final class DemoBallotBox implements BallotStore {
  private final CompletableFuture<Opened> opened = new CompletableFuture<>();
  private final java.util.List<Runnable> changes =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private record Opened(Path dir, BallotBox box, BallotBoxStore store) {}

  /** Opens the box on the worker; the demo calls it once the first frame is up. */
  void open(ExecutorService worker, DemoElection election) {
    if (opened.isDone()) {
      return;
    }
    CompletableFuture.supplyAsync(
            () -> {
              try {
                Path dir = Files.createTempDirectory("urna-demo-box");
                BallotBox box =
                    BallotBox.open(
                        dir.resolve("box"),
                        "urna-demo-box-password".toCharArray(),
                        election.manifest,
                        election.key,
                        DemoElection.STATION,
                        election.stationKey);
                return new Opened(dir, box, new BallotBoxStore(box, election.stationKey));
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            worker)
        .whenComplete(
            (o, e) -> {
              if (e != null) {
                opened.completeExceptionally(e);
              } else {
                opened.complete(o);
                changed();
              }
            });
  }

  /**
   * Runs {@code action} after every change to the box: its opening and each ballot stored, cast,
   * challenged or voided (on the thread that made the change), so that what a poll worker is shown
   * never waits for the next printed paper.
   */
  void onChange(Runnable action) {
    changes.add(action);
    if (opened.isDone()) {
      action.run();
    }
  }

  private void changed() {
    for (Runnable r : changes) {
      try {
        r.run();
      } catch (RuntimeException e) {
        System.err.println("Demo: a ballot box listener failed: " + e.getMessage());
      }
    }
  }

  void whenOpen(Runnable action) {
    opened.thenRun(action);
  }

  /** Runs {@code action} with the open box (on the thread that opened it). */
  void whenOpenBox(java.util.function.Consumer<BallotBox> action) {
    opened.thenAccept(o -> action.accept(o.box()));
  }

  BallotCounts counts() {
    Opened o = opened.getNow(null);
    return o == null ? new BallotCounts(0, 0, 0) : o.box().counts();
  }

  /** The outbox's counts: recorded ballots waiting for, sent to and confirmed by the ledger. */
  OutboxCounts outboxCounts() {
    Opened o = opened.getNow(null);
    return o == null ? new OutboxCounts(0, 0, 0) : o.box().outboxCounts();
  }

  @Override
  public void storePending(EncryptedBallot ballot, NonceSeed seed) {
    try {
      opened.join().store().storePending(ballot, seed);
    } finally {
      changed();
    }
  }

  @Override
  public RecordedBallot cast(BallotId id) {
    try {
      return opened.join().store().cast(id);
    } finally {
      changed();
    }
  }

  @Override
  public RecordedBallot challenge(BallotId id, PlaintextBallot claimed) {
    try {
      return opened.join().store().challenge(id, claimed);
    } finally {
      changed();
    }
  }

  /** Closes the box and deletes its temporary folder (also when closing fails). */
  void close() {
    Opened o = opened.getNow(null);
    if (o == null) {
      return;
    }
    try {
      o.box().close();
    } catch (RuntimeException e) {
      System.err.println("Demo ballot box did not close cleanly: " + e.getMessage());
    } finally {
      deleteTree(o.dir());
    }
  }

  /** Deletes a folder and everything in it; says so on stderr if anything stays. */
  static void deleteTree(Path dir) {
    for (int attempt = 0; attempt < 3 && Files.exists(dir); attempt++) {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // a file went away while walking: walk again
      }
    }
    if (Files.exists(dir)) {
      System.err.println("Could not delete the demo's temporary folder " + dir);
    }
  }
}
