package org.urna.tally;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Scalar;

/**
 * Lagrange coefficients at 0 (docs/spec/trustees.md 6.3): for a set S of trustee indices, {@code
 * λ_i = Π_{m in S, m != i} m / (m - i) mod n}, so that {@code f(0) = Σ λ_i·f(i)} for every
 * polynomial f of degree below |S|.
 */
public final class Lagrange {
  private Lagrange() {}

  /** λ_i for the set {@code indices} (distinct, each in 1..255). */
  public static Scalar coefficient(int i, Collection<Integer> indices) {
    Set<Integer> set = new TreeSet<>(indices);
    if (set.size() != indices.size() || !set.contains(i)) {
      throw new IllegalArgumentException("the indices must be distinct and contain " + i);
    }
    BigInteger num = BigInteger.ONE;
    BigInteger den = BigInteger.ONE;
    for (int m : set) {
      if (m < 1 || m > 255) {
        throw new IllegalArgumentException("trustee indices are 1..255");
      }
      if (m == i) {
        continue;
      }
      num = num.multiply(BigInteger.valueOf(m));
      den = den.multiply(BigInteger.valueOf(m - i));
    }
    return Scalar.of(num.multiply(den.mod(Group.ORDER).modInverse(Group.ORDER)));
  }
}
