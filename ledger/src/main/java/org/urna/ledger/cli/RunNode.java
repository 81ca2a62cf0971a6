package org.urna.ledger.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.urna.ledger.node.ValidatorNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one validator from its node file until stopped. */
@Command(
    name = "ledger-node",
    mixinStandardHelpOptions = true,
    description = "Run one ledger validator.")
public final class RunNode implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "The node file (see NodeFiles)")
  Path config;

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
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.close();
                  } catch (Exception e) {
                    // shutting down anyway
                  }
                  stop.countDown();
                }));
    System.out.println(
        "validator "
            + node.config().id()
            + " ready on "
            + node.config().network().scheme()
            + "://"
            + node.config().network().httpBind()
            + ":"
            + node.httpPort()
            + " (advertised as "
            + node.config().self().httpUrl()
            + ")");
    stop.await();
    return 0;
  }

  public static void main(String[] args) {
    int code = new CommandLine(new RunNode()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
