package org.urna.core.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A random linear combination of equations (spec 6.2): {@code sum_e z_e·E_e == O}. If every
 * equation holds, so does the sum; if one fails, the sum fails except with probability about 2^-128
 * over the random 128-bit weights z_e. The fixed bases G and K go through their window tables; the
 * other points through one multi-scalar multiplication (Bouncy Castle's interleaved wNAF), terms on
 * the same point object merged first.
 */
public final class LinearCheck {
  private static final SecureRandom WEIGHTS = new SecureRandom();

  private Scalar g = Scalar.ZERO;
  private Scalar k = Scalar.ZERO;
  private final Map<Point, Integer> index = new IdentityHashMap<>();
  private final List<Point> points = new ArrayList<>();
  private final List<Scalar> scalars = new ArrayList<>();

  /** A fresh random 128-bit weight. */
  public static Scalar randomWeight() {
    return Scalar.of(new BigInteger(128, WEIGHTS).setBit(128));
  }

  /** Adds {@code weight·e}. */
  public void add(Scalar weight, Equation e) {
    g = g.add(times(weight, e.g()));
    k = k.add(times(weight, e.k()));
    for (int i = 0; i < e.points().size(); i++) {
      Point p = e.points().get(i);
      Scalar s = times(weight, e.scalars().get(i));
      Integer at = index.get(p);
      if (at == null) {
        index.put(p, points.size());
        points.add(p);
        scalars.add(s);
      } else {
        scalars.set(at, scalars.get(at).add(s));
      }
    }
  }

  /**
   * {@code w·s}, without a modular multiplication for the factors 0, 1 and −1 that most terms of
   * the proof equations carry (every commitment's −1, half the equations' zero K term).
   */
  private static Scalar times(Scalar w, Scalar s) {
    if (s.isZero()) {
      return Scalar.ZERO;
    }
    if (s.equals(Scalar.ONE)) {
      return w;
    }
    if (s.equals(MINUS_ONE)) {
      return w.negate();
    }
    return w.multiply(s);
  }

  private static final Scalar MINUS_ONE = Scalar.ONE.negate();

  /** Adds every equation with a fresh random weight (the first with weight 1). */
  public void addAll(List<Equation> equations) {
    boolean first = points.isEmpty() && g.isZero() && k.isZero();
    for (Equation e : equations) {
      add(first ? Scalar.ONE : randomWeight(), e);
      first = false;
    }
  }

  /**
   * True when the combined equation holds, for equations without a term in the election key K
   * (every point among the variable ones, e.g. a trustee's public share).
   */
  public boolean holds() {
    if (!k.isZero()) {
      throw new IllegalStateException("these equations have a K term: use holds(key)");
    }
    ECPoint acc = Group.generatorTable().multiplyRaw(g);
    if (!points.isEmpty()) {
      ECPoint[] ps = new ECPoint[points.size()];
      BigInteger[] ks = new BigInteger[points.size()];
      for (int i = 0; i < ps.length; i++) {
        ps[i] = points.get(i).raw();
        ks[i] = scalars.get(i).value();
      }
      acc = acc.add(Pippenger.sumOfMultiplies(ps, ks));
    }
    return acc.isInfinity();
  }

  /** True when the combined equation holds. */
  public boolean holds(ElectionKey key) {
    ECPoint acc = Group.generatorTable().multiplyRaw(g);
    if (!k.isZero()) {
      acc = acc.add(key.mulK(k).raw());
    }
    if (!points.isEmpty()) {
      ECPoint[] ps = new ECPoint[points.size()];
      BigInteger[] ks = new BigInteger[points.size()];
      for (int i = 0; i < ps.length; i++) {
        ps[i] = points.get(i).raw();
        ks[i] = scalars.get(i).value();
      }
      acc = acc.add(Pippenger.sumOfMultiplies(ps, ks));
    }
    return acc.isInfinity();
  }
}
