package org.urna.sync;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": after the n-th failure in a row, the ceiling is {@code
 * min(cap, base * 2^(n-1))} and the delay is half the ceiling plus a random part of the other half,
 * so that many kiosks cut off together do not come back together.
 */
public record Backoff(Duration base, Duration cap, RandomGenerator random) {
  public Backoff {
    if (base == null || cap == null || random == null || base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException(
          "a backoff has a positive base, a cap and a random source");
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("the backoff cap is at least its base");
    }
  }

  /** The ceiling after {@code failures} failures in a row (at least 1). */
  public Duration ceiling(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, 30);
    long ms = base.toMillis() << doublings;
    return ms >= cap.toMillis() || ms < 0 ? cap : Duration.ofMillis(ms);
  }

  /** How long to wait after {@code failures} failures in a row. */
  public Duration delay(int failures) {
    long ceiling = Math.max(ceiling(failures).toMillis(), 2);
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
  }
}
