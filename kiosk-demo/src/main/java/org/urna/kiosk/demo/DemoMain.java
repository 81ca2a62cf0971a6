package org.urna.kiosk.demo;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import org.urna.kiosk.station.StartupTrace;

/**
 * Runs the station with the demo's configuration (decision 0346): a freshly signed sample election
 * package, demo operator cards in a simulated card reader, the printer emulator whose paper shows
 * in a side panel, a one-validator ledger in this process. Needs no hardware and no network.
 * Options: {@link DemoOptions#USAGE}.
 */
public final class DemoMain {
  private DemoMain() {}

  static volatile DemoOptions options = ((DemoOptions.Request.Run) DemoOptions.parse()).options();

  /**
   * Made on another thread from the JavaFX toolkit's {@code start} on, while the starting screen
   * shows (decision 0348): checking the cached election material and preparing the ledger take a
   * moment, and on two busy cores they held the toolkit's own start back when begun beside it.
   */
  static volatile CompletableFuture<DemoStation> station;

  /** Begins making {@link #station}; null when there is nothing to make (tests set the station). */
  private static volatile Runnable maker;

  /** Begins making the station, once (DemoApp.start calls it). */
  static void beginMakingStation() {
    Runnable m = maker;
    maker = null;
    if (m != null) {
      m.run();
    }
  }

  /** Milliseconds since the process started (for the start-up probe). */
  static long sinceStart() {
    return StartupTrace.sinceStart();
  }

  static void mark(String phase) {
    StartupTrace.mark(phase);
  }

  static String trace() {
    return StartupTrace.trace();
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
        CompletableFuture<DemoStation> made = new CompletableFuture<>();
        station = made;
        maker =
            () ->
                CompletableFuture.supplyAsync(
                        () -> {
                          try {
                            DemoStation s =
                                DemoStation.create(
                                    Instant.now(), o.ledger(), o.ledgerPolicy(), o.lookupUrl());
                            mark("stationMade");
                            return s;
                          } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                          }
                        })
                    .whenComplete(
                        (s, e) -> {
                          if (e != null) {
                            made.completeExceptionally(e);
                          } else {
                            made.complete(s);
                          }
                        });
        Application.launch(DemoApp.class);
      }
    }
  }
}
