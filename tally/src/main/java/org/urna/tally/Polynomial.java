package org.urna.tally;

import java.security.SecureRandom;
import java.util.Arrays;
import org.urna.core.crypto.Group;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;

/**
 * A dealer's secret polynomial {@code f(x) = a_0 + a_1·x + ... + a_(k-1)·x^(k-1)} over the scalars
 * (docs/spec/trustees.md 4.2). Its constant term is the dealer's part of the election secret.
 */
final class Polynomial {
  private final Scalar[] a;

  Polynomial(Scalar[] coefficients) {
    if (coefficients.length < 1) {
      throw new IllegalArgumentException("a polynomial has at least one coefficient");
    }
    this.a = coefficients.clone();
  }

  static Polynomial random(int threshold, SecureRandom random) {
    Scalar[] a = new Scalar[threshold];
    for (int i = 0; i < threshold; i++) {
      a[i] = Scalar.random(random);
    }
    return new Polynomial(a);
  }

  Scalar coefficient(int j) {
    return a[j];
  }

  int size() {
    return a.length;
  }

  /** f(x) by Horner's rule. */
  Scalar at(int x) {
    Scalar xs = Scalar.of(x);
    Scalar acc = Scalar.ZERO;
    for (int j = a.length - 1; j >= 0; j--) {
      acc = acc.multiply(xs).add(a[j]);
    }
    return acc;
  }

  /** The commitments {@code C_j = a_j·G}, normalized. */
  Point[] commitments() {
    Point[] c = new Point[a.length];
    for (int j = 0; j < a.length; j++) {
      c[j] = Group.mulG(a[j]);
    }
    Point.normalizeAll(c);
    return c;
  }

  /**
   * {@code Σ_j x^j·C_j}: the point that {@code f(x)·G} must equal when {@code C} commits to f
   * (Horner's rule on points; the identity when the sum vanishes, which for a valid share cannot
   * happen except with negligible probability).
   */
  static Point evaluateCommitments(Point[] c, int x) {
    Scalar xs = Scalar.of(x);
    Point acc = c[c.length - 1];
    for (int j = c.length - 2; j >= 0; j--) {
      acc = acc.multiply(xs).add(c[j]);
    }
    return acc;
  }

  Scalar[] coefficients() {
    return Arrays.copyOf(a, a.length);
  }
}
