package org.urna.kiosk.demo;

import java.util.Locale;
import java.util.Optional;
import org.urna.ballotbox.BallotCounts;
import org.urna.ballotbox.outbox.OutboxCounts;
import org.urna.kiosk.polls.StationLedger;
import org.urna.sync.SyncStatus;

/**
 * What the demo's panel says about the ballot box and the ledger (decision 0230), from one {@link
 * StationLedger.Snapshot} of the station: the sync's outbox counts read first, then the box's, so
 * the box's line is never behind the ledger's. Each line says what it counts: the box counts
 * recorded ballots (cast, and challenged or voided, which are never counted in the tally); the
 * ledger confirms recorded ballots, cast and challenged alike, so its number is compared with the
 * box's recorded total, not with its cast count.
 */
final class CountsBoard {
  /** The two lines, the numbers they were made from, and whether the ledger's line is an alarm. */
  record Lines(String box, String ledger, boolean alarm, long recorded, long confirmed) {}

  private CountsBoard() {}

  /** The lines for the station's ledger link as it stands. */
  static Lines of(StationLedger.Snapshot s) {
    OutboxCounts o =
        s.sync()
            .map(st -> new OutboxCounts(st.pending(), st.submitted(), st.confirmed()))
            .orElse(new OutboxCounts(0, 0, 0));
    Optional<String> failure =
        switch (s.standing()) {
          case UNAVAILABLE -> Optional.of("not reachable (" + s.problem().orElse("") + ")");
          case NOT_CONFIGURED -> Optional.of("not configured; ballots stay in the ballot box.");
          case NO_BOX -> Optional.of("waiting for an election to be loaded.");
          case STOPPED -> s.sync().isPresent() ? Optional.empty() : Optional.of("stopped.");
          case RUNNING -> Optional.empty();
        };
    return words(s.box(), o, s.sync(), failure);
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
