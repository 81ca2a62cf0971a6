package org.urna.kiosk.station;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Inactivity: after {@code warnAfter} without a touch the voter is warned, with a countdown of
 * {@code answerWithin}; no answer, and the session is cleared. Callbacks arrive through the {@code
 * ui} executor; a touch re-arms. A generation number makes late ticks of an old arming harmless.
 * Give it a {@link java.util.concurrent.ScheduledThreadPoolExecutor}: it is told to drop cancelled
 * waits at once (else each touch leaves one in the queue until it would have fired).
 */
public final class IdleTimer {
  /** What the kiosk does on warning, on each tick of the countdown, and at expiry. */
  public interface Listener {
    void warning(long secondsLeft);

    void expired();
  }

  /** Timeouts, validated: VVSG suggests 2–5 minutes, then 20–45 seconds to answer. */
  public record Timeouts(Duration warnAfter, Duration answerWithin) {
    public Timeouts {
      if (warnAfter.isNegative() || warnAfter.isZero() || answerWithin.isNegative()) {
        throw new IllegalArgumentException("idle timeouts must be positive");
      }
    }

    public static Timeouts standard() {
      return new Timeouts(Duration.ofMinutes(2), Duration.ofSeconds(30));
    }
  }

  private final ScheduledExecutorService scheduler;
  private final Executor ui;
  private final Timeouts timeouts;
  private final Listener listener;
  private long generation;
  private ScheduledFuture<?> pending;

  public IdleTimer(
      ScheduledExecutorService scheduler, Executor ui, Timeouts timeouts, Listener listener) {
    this.scheduler = scheduler;
    if (scheduler instanceof java.util.concurrent.ScheduledThreadPoolExecutor pool) {
      // every touch re-arms: cancelled waits must leave the queue, not sit there for minutes
      pool.setRemoveOnCancelPolicy(true);
    }
    this.ui = ui;
    this.timeouts = timeouts;
    this.listener = listener;
  }

  /** (Re)starts the wait for the warning. Call on the UI thread. */
  public synchronized void arm() {
    cancel();
    long gen = ++generation;
    pending =
        scheduler.schedule(
            () -> countdown(gen, timeouts.answerWithin().toMillis()),
            timeouts.warnAfter().toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Stops the timer (no session, or the kiosk is busy printing / recording). */
  public synchronized void disarm() {
    cancel();
    generation++;
  }

  private void cancel() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
    }
  }

  private synchronized void countdown(long gen, long leftMillis) {
    if (gen != generation) {
      return;
    }
    if (leftMillis <= 0) {
      generation++;
      ui.execute(
          () -> {
            listener.expired();
          });
      return;
    }
    long seconds = (leftMillis + 999) / 1000;
    ui.execute(
        () -> {
          if (isCurrent(gen)) {
            listener.warning(seconds);
          }
        });
    long step = Math.min(1000, leftMillis);
    pending =
        scheduler.schedule(() -> countdown(gen, leftMillis - step), step, TimeUnit.MILLISECONDS);
  }

  private synchronized boolean isCurrent(long gen) {
    return gen == generation;
  }
}
