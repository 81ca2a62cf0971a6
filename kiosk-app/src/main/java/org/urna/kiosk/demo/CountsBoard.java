package org.urna.kiosk.demo;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.urna.ballotbox.BallotCounts;
import org.urna.ballotbox.outbox.OutboxCounts;
import org.urna.sync.SyncStatus;

/**
 * What the demo's poll-worker panel says about the ballot box and the ledger (decision 0230). Both
 * lines are read from the box at one moment, the outbox first, after every change to the box and
 * every sync status, so the box's line is never behind the ledger's: a ballot voided when the paper
 * record could not print is counted at once, not at the next printed paper. Each line says what it
 * counts: the box counts recorded ballots (cast, and challenged or voided, which are never counted
 * in the tally); the ledger confirms recorded ballots, cast and challenged alike, so its number is
 * compared with the box's recorded total, not with its cast count.
 */
final class CountsBoard {
  /** The two lines, the numbers they were made from, and whether the ledger's line is an alarm. */
  record Lines(String box, String ledger, boolean alarm, long recorded, long confirmed) {}

  private final DemoBallotBox box;
  private final Consumer<Lines> out;
  private volatile SyncStatus sync;
  private volatile String ledgerFailure;

  /** Shows the lines on {@code out} (called on the thread that changed the box or the sync). */
  CountsBoard(DemoBallotBox box, Consumer<Lines> out) {
    this.box = box;
    this.out = out;
    box.onChange(this::refresh);
  }

  /** The sync's status changed (its alarm, checkpoint, progress and error are shown). */
  void sync(SyncStatus s) {
    sync = s;
    refresh();
  }

  /** The ledger could not start: recorded ballots wait in the outbox. */
  void ledgerFailed(String words) {
    ledgerFailure = words;
    refresh();
  }

  /** Reads the box (the outbox first, so the box's total is never behind it) and shows it. */
  synchronized Lines refresh() {
    OutboxCounts o = box.outboxCounts();
    BallotCounts c = box.counts();
    Lines lines = words(c, o, Optional.ofNullable(sync), Optional.ofNullable(ledgerFailure));
    out.accept(lines);
    return lines;
  }

  static Lines words(
      BallotCounts c, OutboxCounts o, Optional<SyncStatus> sync, Optional<String> failure) {
    long recorded = c.cast() + c.challenged();
    StringBuilder boxLine =
        new StringBuilder("Ballot box: ")
            .append(ballots(recorded))
            .append(" recorded: ")
            .append(n(c.cast()))
            .append(" cast, ")
            .append(n(c.challenged()))
            .append(" challenged or voided (never counted)");
    if (c.pending() > 0) {
      boxLine.append("; ").append(ballots(c.pending())).append(" being voted, not yet recorded");
    }
    long waiting = o.pending() + o.submitted();
    if (sync.isPresent() && sync.get().alarm().isPresent()) {
      return new Lines(
          boxLine.toString(),
          "LEDGER ALARM: " + sync.get().alarm().get().alarm().words(),
          true,
          recorded,
          o.confirmed());
    }
    StringBuilder ledger =
        new StringBuilder("Ledger: ")
            .append(n(o.confirmed()))
            .append(" of the ")
            .append(ballots(recorded))
            .append(" recorded confirmed (cast and challenged alike), ")
            .append(n(waiting))
            .append(" waiting to be confirmed");
    if (failure.isPresent()) {
      ledger.append("\nThe ledger is ").append(failure.get());
    } else if (sync.isEmpty()) {
      ledger.append("\nThe ledger is starting; ballots wait in the ballot box.");
    } else {
      SyncStatus s = sync.get();
      s.lastCheckpoint()
          .ifPresent(cp -> ledger.append("; last checkpoint holds ").append(entries(cp.size())));
      s.progress().ifPresent(p -> ledger.append(" (").append(p.words()).append(")"));
      s.lastError().ifPresent(e -> ledger.append("\n").append(e.words()));
    }
    return new Lines(boxLine.toString(), ledger.toString(), false, recorded, o.confirmed());
  }

  private static String n(long count) {
    return String.format(Locale.ROOT, "%,d", count);
  }

  private static String ballots(long count) {
    return n(count) + (count == 1 ? " ballot" : " ballots");
  }

  private static String entries(long count) {
    return n(count) + (count == 1 ? " entry" : " entries");
  }
}
