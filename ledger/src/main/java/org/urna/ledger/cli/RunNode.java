package org.urna.ledger.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.urna.ledger.node.ValidatorNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs one validator from its node file until stopped. It prints a line each time the validator's
 * readiness changes: "ready on ..." only while its /ready would answer 200 (its state machine runs
 * and has applied what its peers committed, a leader is known, its entries are under a recent
 * cosigned checkpoint), "not ready: ..." with what it waits for, and, on standard error, "stopped"
 * once its state machine stopped.
 */
@Command(
    name = "ledger-node",
    mixinStandardHelpOptions = true,
    description = "Run one ledger validator.")
public final class RunNode implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The node file (see NodeFiles)")
  Path config;

  /** How often the validator's readiness is looked at. */
  static final long WATCH_MILLIS = 250;

  @Override
  public Integer call() throws Exception {
    NodeFiles.Loaded loaded;
    try {
      loaded = NodeFiles.load(config);
    } catch (IllegalArgumentException e) {
      System.err.println("ledger-node: " + e.getMessage());
      return 2;
    }
    ValidatorNode node = ValidatorNode.start(loaded.config(), loaded.verifier());
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch watching = new CountDownLatch(1);
    StatusLine status = new StatusLine(node);
    Thread watcher =
        Thread.ofPlatform()
            .daemon()
            .name("ready-watch")
            .start(() -> watch(status, System.out, System.err, watching));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  watching.countDown();
                  try {
                    watcher.join(1000);
                    node.close();
                  } catch (Exception e) {
                    // shutting down anyway
                  }
                  stop.countDown();
                }));
    stop.await();
    return 0;
  }

  /** Prints the validator's status line whenever it changes, until {@code stop} opens. */
  static void watch(StatusLine status, PrintStream out, PrintStream err, CountDownLatch stop) {
    while (stop.getCount() > 0) {
      try {
        status.next().ifPresent(line -> (line.stopped() ? err : out).println(line.text()));
      } catch (RuntimeException e) {
        // a validator being closed under the watcher; the next look tells
      }
      try {
        if (stop.await(WATCH_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * What a running validator says about itself: a new line only when its readiness changed (a
   * changed count in the same reason is no change).
   */
  public static final class StatusLine {
    private final ValidatorNode node;
    private String last;

    /** One line to print; {@code stopped}: its state machine stopped (goes to standard error). */
    public record Line(String text, boolean ready, boolean stopped) {}

    public StatusLine(ValidatorNode node) {
      this.node = node;
    }

    private String where() {
      return node.config().network().scheme()
          + "://"
          + node.config().network().httpBind()
          + ":"
          + node.httpPort()
          + " (advertised as "
          + node.config().self().httpUrl()
          + ")";
    }

    /** The line to print now; empty when nothing changed since the last one. */
    public synchronized Optional<Line> next() {
      String id = "validator " + node.config().id();
      Optional<String> stopped = node.machine().stoppedBecause();
      Line line;
      String key;
      if (stopped.isPresent()) {
        key = "stopped";
        line =
            new Line(
                id
                    + " stopped: its state machine stopped ("
                    + stopped.get()
                    + "); it applies no further entry and /health answers 503 until it is"
                    + " repaired and restarted",
                false,
                true);
      } else {
        Optional<String> why = node.notReadyBecause();
        if (why.isEmpty()) {
          key = "ready";
          line = new Line(id + " ready on " + where(), true, false);
        } else {
          key = "not ready: " + why.get().replaceAll("[0-9]+", "#");
          line = new Line(id + " on " + where() + " not ready: " + why.get(), false, false);
        }
      }
      if (key.equals(last)) {
        return Optional.empty();
      }
      last = key;
      return Optional.of(line);
    }
  }

  public static void main(String[] args) {
    int code = new CommandLine(new RunNode()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
