package org.urna.core.crypto;

import java.util.List;

/**
 * One verification equation {@code g·G + k·K + sum(s_i·P_i) == O} (spec 6.1). Every proof check of
 * the spec is written in this form, so many equations can be checked at once with random weights.
 *
 * @param item what the equation checks, for the failure message ("contest council, selection c3")
 */
public record Equation(String item, Scalar g, Scalar k, List<Point> points, List<Scalar> scalars) {
  public Equation {
    if (points.size() != scalars.size()) {
      throw new IllegalArgumentException("one scalar per point");
    }
    points = List.copyOf(points);
    scalars = List.copyOf(scalars);
  }

  /** Checks this equation alone. */
  public boolean holds(ElectionKey key) {
    LinearCheck check = new LinearCheck();
    check.add(Scalar.ONE, this);
    return check.holds(key);
  }
}
