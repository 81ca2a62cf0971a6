package org.urna.sync;

/**
 * Something the ledger did that a poll worker must act on. An alarm is sticky: it stays (also
 * across restarts) until a poll worker acknowledges it, and while it stands the sync confirms
 * nothing and sends nothing; every ballot stays in the ballot box. {@link #words()} is what the
 * poll-worker screen shows; {@link #details()} is for the election office's technicians.
 */
public sealed interface SyncAlarm {
  String details();

  /** Plain words for the poll worker, saying what to do. */
  String words();

  /** A checkpoint that is not a continuation of one this kiosk verified before (a fork). */
  record TwoHistories(String details) implements SyncAlarm {
    @Override
    public String words() {
      return "The ledger showed this kiosk two different histories. Stop and call the election"
          + " office.";
    }
  }

  /** A checkpoint not signed by a trusted log key or not cosigned by a quorum of validators. */
  record UntrustedCheckpoint(String details) implements SyncAlarm {
    @Override
    public String words() {
      return "The ledger sent a checkpoint that the validators this kiosk trusts did not sign."
          + " Stop and call the election office.";
    }
  }

  /** An inclusion proof that does not prove the ballot is in the cosigned checkpoint. */
  record BadProof(String details) implements SyncAlarm {
    @Override
    public String words() {
      return "The ledger could not prove that a ballot of this kiosk is in it. Stop and call the"
          + " election office.";
    }
  }

  /** The ledger refused a ballot of this station. */
  record BallotRefused(String details) implements SyncAlarm {
    @Override
    public String words() {
      return "The ledger refused a ballot of this kiosk. The ballot is safe in the ballot box."
          + " Call the election office.";
    }
  }

  /** The ledger refused a lifecycle event of this station (opened, paused, closed...). */
  record EventRefused(String details) implements SyncAlarm {
    @Override
    public String words() {
      return "The ledger refused an event of this station (such as the polls opening or"
          + " closing). Ballots are safe in the ballot box. Call the election office.";
    }
  }

  /** The kiosk's own file of the last verified checkpoint cannot be read or is not trusted. */
  record DamagedRecord(String details) implements SyncAlarm {
    @Override
    public String words() {
      return "This kiosk's record of the ledger is damaged. The ballots are safe in the ballot"
          + " box. Call a technician.";
    }
  }

  /**
   * The ledger holds ballots of this station that the ballot box does not have (decision 0064): the
   * box, or the box together with its signed head, was put back from an older copy, or lost its
   * last ballots some other way. {@code missing} is how many; the details start with it, so that
   * the alarm file gives it back.
   */
  record BoxBehindLedger(long missing, String details) implements SyncAlarm {
    /** The details as written: {@code "<missing> ballots ..."}. */
    static BoxBehindLedger of(
        String station, long inBox, String lastCode, long onLedger, String counts) {
      long missing = onLedger - inBox;
      return new BoxBehindLedger(
          missing,
          missing
              + " ballots of station "
              + station
              + " are on the ledger and not in the ballot box: the box holds "
              + inBox
              + " (last tracking code "
              + lastCode
              + "), the validators count "
              + counts);
    }

    static BoxBehindLedger restore(String details) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d{1,18}) ").matcher(details);
      return new BoxBehindLedger(m.find() ? Long.parseLong(m.group(1)) : -1, details);
    }

    @Override
    public String words() {
      String n = missing == 1 ? "1 ballot" : missing > 1 ? missing + " ballots" : "ballots";
      return "The ledger holds "
          + n
          + " from this station that this ballot box does not have: the box may have been"
          + " restored from an older copy. Do not continue, call the election manager.";
    }
  }

  /** The name written to the alarm file. */
  default String kind() {
    return getClass().getSimpleName();
  }

  /** Rebuilds an alarm from its kind and details (as written to the alarm file). */
  static SyncAlarm restore(String kind, String details) {
    return switch (kind) {
      case "TwoHistories" -> new TwoHistories(details);
      case "UntrustedCheckpoint" -> new UntrustedCheckpoint(details);
      case "BadProof" -> new BadProof(details);
      case "BallotRefused" -> new BallotRefused(details);
      case "EventRefused" -> new EventRefused(details);
      case "BoxBehindLedger" -> BoxBehindLedger.restore(details);
      default -> new DamagedRecord("alarm file of unknown kind '" + kind + "': " + details);
    };
  }
}
