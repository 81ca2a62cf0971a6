package org.urna.kiosk.station;

/**
 * The start-up's phases and when each was reached, for the start-up probes and benchmarks
 * (docs/benchmarks/kiosk.md). Each phase is kept in milliseconds since the process started (as the
 * JDK reports it: its boot time is in whole seconds, so these can read up to ~0.3 s more than a
 * wall clock started outside) and as wall-clock epoch milliseconds, which a harness compares with
 * the time it started the command at.
 */
public final class StartupTrace {
  private static final long PROCESS_START =
      ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
  private static final StringBuilder PHASES = new StringBuilder();
  private static final StringBuilder EPOCH = new StringBuilder();

  private StartupTrace() {}

  /** Milliseconds since the process started, by the JDK's account. */
  public static long sinceStart() {
    return System.currentTimeMillis() - PROCESS_START;
  }

  /** Notes that {@code phase} was reached now. */
  public static void mark(String phase) {
    long now = System.currentTimeMillis();
    synchronized (PHASES) {
      PHASES
          .append(PHASES.isEmpty() ? "" : " ")
          .append(phase)
          .append('=')
          .append(now - PROCESS_START);
      EPOCH.append(EPOCH.isEmpty() ? "" : " ").append(phase).append('=').append(now);
    }
  }

  /** The phases so far, {@code name=ms} since the process started, in the order reached. */
  public static String trace() {
    synchronized (PHASES) {
      return PHASES.toString();
    }
  }

  /** The phases so far as {@code name=epoch ms}, for a harness that knows when it started. */
  public static String epochTrace() {
    synchronized (PHASES) {
      return EPOCH.toString();
    }
  }
}
