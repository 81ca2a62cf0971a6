package org.urna.kiosk.operator;

import java.util.Optional;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.BallotCounts;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.station.operator.AuditNote;

/**
 * The running station as the operator shell and the operator modes see it: its configuration and
 * devices (opened once, from {@link StationContext}), its audit log, the loaded election's ballot
 * box when there is one, and the screen voters see while no operator is signed in.
 *
 * <p>Threads: {@link #publicScreen()} is called on the FX thread; the rest may be called from any
 * thread. Devices are shared: the card reader is watched by the shell, the printer prints for the
 * voter's kiosk and the operator modes alike (one print at a time, on the station's worker).
 */
public interface Station extends AutoCloseable {
  StationContext context();

  /** The card reader, already watched by the shell (do not {@link CardReader#start} it again). */
  CardReader cardReader();

  /** The station's printer. */
  ReceiptPrinter printer();

  /**
   * Appends to the station's hash-chained audit log: the loaded election's ballot box once there is
   * one, before that the station's own journal in its state folder.
   */
  void audit(AuditNote note);

  /** The loaded election's ballot box, open; empty until a poll worker loads an election. */
  Optional<BallotBox> ballotBox();

  /**
   * What voters see while no operator is signed in: "no election loaded", "polls closed", the
   * voter's kiosk while polls are open, "paused". Built once and kept; called on the FX thread.
   */
  Parent publicScreen();

  /** True while a voter's session holds choices (an operator card then waits its turn). */
  boolean voterSessionOpen();

  /** True while the voter's session waits for a poll worker (a printer or station fault). */
  default boolean voterNeedsPollWorker() {
    return false;
  }

  /**
   * The shell says whether a poll worker is signed in: only then do the poll worker's buttons on a
   * voter's fault screen work. Called on the FX thread.
   */
  default void pollWorkerPresent(boolean present) {}

  /** The loaded election's ballot counts, for the operator screens' header; zeros before. */
  default BallotCounts counts() {
    return ballotBox().map(BallotBox::counts).orElse(new BallotCounts(0, 0, 0));
  }

  /**
   * The operator's session ended and their card is out: a voter activation the poll worker armed
   * now takes effect (decision 0341). Called on the FX thread.
   */
  default void operatorSessionEnded() {}

  /**
   * The station's link to the ledger, for the sync dashboard (decision 0343); empty for a station
   * without one.
   */
  default Optional<org.urna.kiosk.polls.StationLedger> ledger() {
    return Optional.empty();
  }

  /**
   * Service mode's safe reset, its commit point (decision 0349): signs the station's reset event
   * for the loaded election's box and queues it for the ledger; no ballot is taken after it.
   * Returns the reset queued earlier when there is one; empty for a station that keeps no events
   * (no election loaded, or loaded before stations kept events).
   */
  default Optional<org.urna.core.station.StationLifecycleEvent> queueReset(
      org.urna.core.role.Role by, org.urna.core.station.StationLifecycleEvent.ResetReason why) {
    return Optional.empty();
  }

  /**
   * Waits at most {@code patience} until the ledger confirmed every ballot of the box and the
   * station's events up to number {@code sequence}; whether it did (false without a ledger).
   */
  default boolean confirmedByLedger(long sequence, java.time.Duration patience) {
    return false;
  }

  /** The number of the station's last lifecycle event the ledger proved it holds (0: none). */
  default long eventsConfirmed() {
    return 0;
  }

  /** The station's lifecycle events queued in the loaded election's box, in order. */
  default java.util.List<org.urna.core.station.StationLifecycleEvent> queuedEvents() {
    return ballotBox().map(org.urna.sync.StationEventOutbox::all).orElse(java.util.List.of());
  }

  /** The scene that shows the station: the voter's screens wire their keys and taps into it. */
  default void attach(Scene scene) {}

  @Override
  void close();
}
