package org.urna.kiosk.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleTimerTest {
  private final ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
  private final List<Long> warnings = new CopyOnWriteArrayList<>();
  private final CountDownLatch expired = new CountDownLatch(1);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private IdleTimer timer(Duration warnAfter, Duration answerWithin) {
    return new IdleTimer(
        pool,
        Runnable::run,
        new IdleTimer.Timeouts(warnAfter, answerWithin),
        new IdleTimer.Listener() {
          @Override
          public void warning(long secondsLeft) {
            warnings.add(secondsLeft);
          }

          @Override
          public void expired() {
            expired.countDown();
          }
        });
  }

  @Test
  void warnsWithACountdownThenExpires() throws InterruptedException {
    timer(Duration.ofMillis(50), Duration.ofMillis(2500)).arm();
    assertThat(expired.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(warnings).startsWith(3L, 2L, 1L);
  }

  @Test
  void aDisarmedTimerNeverExpires() throws InterruptedException {
    IdleTimer t = timer(Duration.ofMillis(50), Duration.ofMillis(100));
    t.arm();
    t.disarm();
    assertThat(expired.await(1, TimeUnit.SECONDS)).isFalse();
    assertThat(warnings).isEmpty();
  }

  @Test
  void everyTouchReplacesTheWaitInsteadOfPilingUpCancelledOnes() {
    IdleTimer t = timer(Duration.ofHours(1), Duration.ofSeconds(30));
    for (int i = 0; i < 1000; i++) {
      t.arm();
    }
    assertThat(pool.getQueue()).hasSizeLessThanOrEqualTo(1);
  }
}
