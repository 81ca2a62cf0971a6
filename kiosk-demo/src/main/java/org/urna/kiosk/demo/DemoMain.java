package org.urna.kiosk.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;

/**
 * Runs the voter's kiosk with the sample election, a simulated printer whose paper shows in a side
 * panel, and a poll worker's "activate next voter" button. Needs no hardware and no network.
 * Options: {@link DemoOptions#USAGE}.
 */
public final class DemoMain {
  private DemoMain() {}

  static volatile DemoOptions options = ((DemoOptions.Request.Run) DemoOptions.parse()).options();

  /** Built while the JavaFX toolkit starts (keys and window tables take a moment). */
  static volatile CompletableFuture<DemoElection> election;

  /** Milliseconds since the process started (for the start-up probe). */
  static long sinceStart() {
    return Duration.between(
            ProcessHandle.current().info().startInstant().orElseThrow(), Instant.now())
        .toMillis();
  }

  /** Start-up phases and their times (ms since the process started), for the start-up probe. */
  private static final StringBuilder TRACE = new StringBuilder();

  static void mark(String phase) {
    long ms = sinceStart();
    synchronized (TRACE) {
      TRACE.append(TRACE.isEmpty() ? "" : " ").append(phase).append('=').append(ms);
    }
  }

  static String trace() {
    synchronized (TRACE) {
      return TRACE.toString();
    }
  }

  public static void main(String[] args) {
    mark("main");
    DemoOptions.Request request;
    try {
      request = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(DemoOptions.USAGE);
      System.exit(2);
      return;
    }
    switch (request) {
      case DemoOptions.Request.Help h -> System.out.print(DemoOptions.USAGE);
      case DemoOptions.Request.Version v -> System.out.println(DemoOptions.VERSION);
      case DemoOptions.Request.Run(var o) -> {
        options = o;
        mark("options");
        // logging set up beside the toolkit, not on the JavaFX thread before the first frame
        Thread.ofPlatform()
            .daemon()
            .name("kiosk-logging")
            .start(org.slf4j.LoggerFactory::getILoggerFactory);
        election =
            CompletableFuture.supplyAsync(
                () -> {
                  DemoElection e = new DemoElection();
                  mark("electionBuilt");
                  return e;
                });
        Application.launch(DemoApp.class);
      }
    }
  }
}
