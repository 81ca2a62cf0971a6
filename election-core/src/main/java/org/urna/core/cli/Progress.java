package org.urna.core.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on one terminal line for long CLI work: {@code [##### ] 512/1000 ballots 210/s}.
 * Redrawn at most ten times a second; finished with a newline.
 */
public final class Progress implements AutoCloseable {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final String unit;
  private final long total;
  private final long started = System.nanoTime();
  private long lastDraw;
  private long done;

  public Progress(PrintStream out, String unit, long total) {
    this.out = out;
    this.unit = unit;
    this.total = Math.max(1, total);
  }

  public static Progress onStderr(String unit, long total) {
    return new Progress(System.err, unit, total);
  }

  /** Records {@code n} more items done. */
  public synchronized void step(long n) {
    done += n;
    long now = System.nanoTime();
    if (now - lastDraw > 100_000_000L || done >= total) {
      lastDraw = now;
      draw(now);
    }
  }

  private void draw(long now) {
    int filled = (int) (WIDTH * Math.min(done, total) / total);
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    out.print(
        String.format(
            Locale.ROOT,
            "\r[%s%s] %d/%d %s  %.0f/s ",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            done,
            total,
            unit,
            done / seconds));
    out.flush();
  }

  @Override
  public synchronized void close() {
    draw(System.nanoTime());
    out.println();
  }
}
