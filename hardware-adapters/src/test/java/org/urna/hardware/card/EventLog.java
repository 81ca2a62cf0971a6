package org.urna.hardware.card;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Collects a reader's events so a test can wait for the one it expects. */
public final class EventLog implements CardEventListener {
  private final LinkedBlockingQueue<CardEvent> queue = new LinkedBlockingQueue<>();
  private final List<CardEvent> seen = new ArrayList<>();

  @Override
  public void onEvent(CardEvent event) {
    queue.add(event);
  }

  /** Waits for an event matching {@code p}, skipping others; fails after {@code patience}. */
  public <E extends CardEvent> E await(Class<E> type, Predicate<E> p, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      CardEvent e = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
      if (e == null) {
        throw new AssertionError(
            "no " + type.getSimpleName() + " within " + patience + "; events seen: " + seen);
      }
      seen.add(e);
      if (type.isInstance(e) && p.test(type.cast(e))) {
        return type.cast(e);
      }
    }
  }

  public <E extends CardEvent> E await(Class<E> type, Duration patience)
      throws InterruptedException {
    return await(type, e -> true, patience);
  }

  /** Events that arrived and were not consumed yet. */
  public List<CardEvent> drain() {
    List<CardEvent> out = new ArrayList<>();
    queue.drainTo(out);
    seen.addAll(out);
    return out;
  }
}
