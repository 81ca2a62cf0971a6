package org.urna.kiosk.demo;

import java.util.concurrent.Callable;
import javafx.application.Application;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the voter's kiosk with the sample election, a simulated printer whose paper shows in a side
 * panel, and a poll worker's "activate next voter" button. Needs no hardware and no network.
 */
@Command(
    name = "urna-kiosk-demo",
    mixinStandardHelpOptions = true,
    description = "The Urna voter's kiosk with a sample election and simulated devices.")
public final class DemoMain implements Callable<Integer> {
  @Option(
      names = "--kiosk",
      description = "Full screen and locked down (no exit key, no close, no pointer).")
  boolean kiosk;

  @Option(names = "--fullscreen", description = "Start full screen (F11 toggles).")
  boolean fullScreen;

  @Option(
      names = "--warn-after",
      defaultValue = "120",
      description =
          "Seconds without a touch before the inactivity warning (default ${DEFAULT-VALUE}).")
  int warnAfter;

  @Option(
      names = "--answer-within",
      defaultValue = "30",
      description = "Seconds the voter has to answer the warning (default ${DEFAULT-VALUE}).")
  int answerWithin;

  @Option(
      names = "--lookup-url",
      defaultValue = "https://ledger.example.org/t/",
      description = "The ledger's public lookup page; the tracking code is appended.")
  String lookupUrl;

  @Option(
      names = "--ledger",
      split = ",",
      description =
          "Validator URLs of a real ledger network (default: a one-validator ledger in this"
              + " process).")
  java.util.List<java.net.URI> ledger = new java.util.ArrayList<>();

  @Option(
      names = "--ledger-policy",
      description = "With --ledger: the tlog-policy file naming the validator keys to trust.")
  java.nio.file.Path ledgerPolicy;

  @Option(
      names = "--startup-probe",
      hidden = true,
      description =
          "Print the time from process start to the first frame of the waiting screen, then exit.")
  boolean startupProbe;

  static volatile DemoMain options = new DemoMain();

  /** Built while the JavaFX toolkit starts (keys and window tables take a moment). */
  static volatile java.util.concurrent.CompletableFuture<DemoElection> election;

  /** Milliseconds since the process started (for the start-up probe). */
  static long sinceStart() {
    return java.time.Duration.between(
            ProcessHandle.current().info().startInstant().orElseThrow(), java.time.Instant.now())
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
    int code = new CommandLine(new DemoMain()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public Integer call() {
    options = this;
    mark("options");
    election =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              DemoElection e = new DemoElection();
              mark("electionBuilt");
              return e;
            });
    Application.launch(DemoApp.class);
    return 0;
  }
}
