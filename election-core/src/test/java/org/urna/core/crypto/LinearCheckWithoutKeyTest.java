package org.urna.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearCheckWithoutKeyTest {
  final SecureRandom random = new SecureRandom();

  @Test
  void holdsForTrueEquationsAndFailsForOneFalseAmongMany() {
    Scalar x = Scalar.random(random);
    Point p = Group.mulG(x).normalize();
    Scalar minusOne = Scalar.ONE.negate();
    LinearCheck good = new LinearCheck();
    LinearCheck bad = new LinearCheck();
    for (int i = 0; i < 20; i++) {
      Scalar r = Scalar.random(random);
      Point rp = p.multiply(r).normalize();
      // r·x·G - r·P = O, with P a variable point (no K term).
      Equation e =
          new Equation("e" + i, r.multiply(x), Scalar.ZERO, List.of(rp), List.of(minusOne));
      good.addAll(List.of(e));
      bad.addAll(
          List.of(
              i == 13
                  ? new Equation(
                      "bad",
                      r.multiply(x).add(Scalar.ONE),
                      Scalar.ZERO,
                      List.of(rp),
                      List.of(minusOne))
                  : e));
    }
    assertThat(good.holds()).isTrue();
    assertThat(bad.holds()).isFalse();
  }

  @Test
  void refusesEquationsWithAKeyTerm() {
    LinearCheck check = new LinearCheck();
    check.add(Scalar.ONE, new Equation("k", Scalar.ZERO, Scalar.ONE, List.of(), List.of()));
    assertThatThrownBy(check::holds).isInstanceOf(IllegalStateException.class);
  }
}
