package org.urna.core.crypto;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Finds t with {@code t·G = M} for {@code 0 <= t <= max} by baby-step giant-step (spec 4.5): {@code
 * m = ceil(sqrt(max+1))} baby steps {@code j·G} in a table keyed by x-coordinate, then at most m
 * giant steps {@code M - i·m·G}. For 10 million: 3,163 steps each way.
 */
public final class DiscreteLog {
  public static final long DEFAULT_MAX = 10_000_000L;

  private final long max;
  private final int m;
  private final Map<Key, Integer> baby = new HashMap<>();
  private final ECPoint[] steps;
  private final ECPoint giant;

  public DiscreteLog(long max) {
    if (max < 0 || max > 1L << 40) {
      throw new IllegalArgumentException("max must be in 0..2^40");
    }
    this.max = max;
    this.m = (int) Math.ceil(Math.sqrt(max + 1.0));
    steps = new ECPoint[m];
    ECPoint acc = Group.G.raw();
    for (int j = 1; j <= m; j++) {
      steps[j - 1] = acc;
      acc = acc.add(Group.G.raw());
    }
    Group.CURVE.normalizeAll(steps);
    for (int j = 1; j <= m; j++) {
      baby.put(new Key(steps[j - 1].getAffineXCoord().getEncoded()), j);
    }
    this.giant = Group.G.raw().multiply(java.math.BigInteger.valueOf(m)).negate().normalize();
  }

  public static DiscreteLog standard() {
    return Holder.STANDARD;
  }

  /** t with t·G = target (identity means 0), or empty when t would exceed max. */
  public Optional<Long> solve(ECPoint target) {
    ECPoint cur = target.normalize();
    for (long i = 0; i <= m; i++) {
      if (cur.isInfinity()) {
        return within(i * m);
      }
      Integer j = baby.get(new Key(cur.getAffineXCoord().getEncoded()));
      // x(jG) = x(-jG): decide the sign by comparing y with the stored baby step.
      if (j != null && steps[j - 1].getAffineYCoord().equals(cur.getAffineYCoord())) {
        return within(i * m + j);
      }
      cur = cur.add(giant).normalize();
    }
    return Optional.empty();
  }

  /** Convenience for a Point. */
  public Optional<Long> solve(Point target) {
    return solve(target.raw());
  }

  private Optional<Long> within(long t) {
    return t <= max ? Optional.of(t) : Optional.empty();
  }

  private record Key(byte[] x) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && java.util.Arrays.equals(k.x, x);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(x);
    }
  }

  private static final class Holder {
    static final DiscreteLog STANDARD = new DiscreteLog(DEFAULT_MAX);
  }
}
