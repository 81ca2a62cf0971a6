package org.urna.ballotbox.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar on a terminal ({@code \r}, redrawn at most ten times a second): {@code
 * cast 40/100 [########------------] 12.3 ballots/s}.
 */
final class ProgressLine {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final String label;
  private final long total;
  private final long started = System.nanoTime();
  private long lastDrawn;

  ProgressLine(PrintStream out, String label, long total) {
    this.out = out;
    this.label = label;
    this.total = total;
  }

  void update(long done) {
    long now = System.nanoTime();
    if (done < total && now - lastDrawn < 100_000_000L) {
      return;
    }
    lastDrawn = now;
    out.print("\r" + render(done, now - started));
    if (done >= total) {
      out.println();
    }
    out.flush();
  }

  String render(long done, long elapsedNanos) {
    int filled = total == 0 ? WIDTH : (int) (WIDTH * done / total);
    double rate = elapsedNanos == 0 ? 0 : done * 1e9 / elapsedNanos;
    return String.format(
        "%s %" + Long.toString(total).length() + "d/%d [%s%s] %6.1f ballots/s",
        label,
        done,
        total,
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        rate);
  }
}
