package org.urna.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), new Random(42));

  @Property
  void theDelayLiesBetweenHalfTheCeilingAndTheCeiling(
      @ForAll @IntRange(min = 1, max = 200) int failures) {
    long ceiling = backoff.ceiling(failures).toMillis();
    assertThat(ceiling).isLessThanOrEqualTo(60_000);
    assertThat(backoff.delay(failures).toMillis()).isBetween(ceiling / 2, ceiling);
  }

  @Test
  void theCeilingDoublesUpToTheCap() {
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofMillis(1000));
    assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofMillis(8000));
    assertThat(backoff.ceiling(40)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void kiosksCutOffTogetherDoNotComeBackTogether() {
    Set<Long> delays = new HashSet<>();
    for (int kiosk = 0; kiosk < 50; kiosk++) {
      delays.add(backoff.delay(6).toMillis());
    }
    assertThat(delays).hasSizeGreaterThan(40);
  }
}
