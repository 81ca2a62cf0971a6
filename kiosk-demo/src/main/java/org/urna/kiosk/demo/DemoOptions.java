package org.urna.kiosk.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's command line. Parsed by hand: a command-line library costs the kiosk ~150 ms of its
 * 1.5 s start-up budget here (picocli's classes are Java 5 class files, which the AOT cache does
 * not link), and eight options do not need one (docs/decisions/0309).
 *
 * @param kiosk full screen and locked down
 * @param fullScreen start full screen (F11 toggles)
 * @param lookupUrl the ledger's public lookup page written into the demo's election package; null:
 *     the demo ledger's own public page
 * @param ledger validator URLs of a real ledger network (empty: a one-validator ledger in-process)
 * @param ledgerPolicy with {@code ledger}: the tlog-policy file naming the validator keys to trust
 * @param startupProbe print the time to the first frame of the waiting screen, then exit
 * @param paperDir where every printed paper is saved as a PNG
 */
record DemoOptions(
    boolean kiosk,
    boolean fullScreen,
    String lookupUrl,
    List<URI> ledger,
    Path ledgerPolicy,
    boolean startupProbe,
    Path paperDir) {

  static final String USAGE =
      """
      Usage: urna-kiosk-demo [-hV] [--fullscreen] [--kiosk] [--smoke-test]
                             [--ledger=<url>[,<url>...]]... [--ledger-policy=<file>]
                             [--lookup-url=<url>] [--paper-dir=<dir>]
      The Urna station with a demo configuration: a freshly signed sample election package,
      demo operator cards in a simulated card reader, the printer emulator, an in-process ledger.
            --kiosk                 Full screen and locked down (no exit key, no close, no pointer).
            --fullscreen            Start full screen (F11 toggles).
            --lookup-url=<url>      The ledger's public lookup page, written into the demo's
                                      election package (default: the page of the ledger the
                                      station syncs to).
            --paper-dir=<dir>       Where each printed paper is saved as a PNG
                                      (default urna-demo-paper in the working directory).
            --ledger=<url>[,<url>...]
                                    Validator URLs of a real ledger network (default: a
                                      one-validator ledger in this process).
            --ledger-policy=<file>  With --ledger: the tlog-policy file naming the validator keys
                                      to trust.
            --smoke-test            Show the first screen, then exit with status 0.
        -h, --help                  Show this help message and exit.
        -V, --version               Print version information and exit.
      """;

  static final String VERSION = "urna-kiosk-demo 0.1.0";

  DemoOptions {
    ledger = List.copyOf(ledger);
    if (!ledger.isEmpty() && ledgerPolicy == null) {
      throw new IllegalArgumentException("--ledger needs --ledger-policy (the keys to trust)");
    }
  }

  /** What the command line asks for. */
  sealed interface Request {
    record Run(DemoOptions options) implements Request {}

    record Help() implements Request {}

    record Version() implements Request {}
  }

  /**
   * Parses {@code args} ({@code --name value} or {@code --name=value}).
   *
   * @throws IllegalArgumentException naming the option that is unknown, lacks its value or has a
   *     value that is not a number, a URL or a path
   */
  static Request parse(String... args) {
    boolean kiosk = false;
    boolean fullScreen = false;
    boolean probe = false;
    String lookupUrl = null;
    Path paperDir = Path.of("urna-demo-paper");
    List<URI> ledger = new ArrayList<>();
    Path policy = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "-h", "--help" -> {
          return new Request.Help();
        }
        case "-V", "--version" -> {
          return new Request.Version();
        }
        case "--kiosk" -> kiosk = flag(name, value);
        case "--fullscreen" -> fullScreen = flag(name, value);
        // --smoke-test: the packaged kiosk's check that it reaches its first screen (exit 0)
        case "--startup-probe", "--smoke-test" -> probe = flag(name, value);
        case "--lookup-url", "--ledger", "--ledger-policy", "--paper-dir" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("Missing required parameter for option " + name);
            }
            value = args[++i];
          }
          switch (name) {
            case "--lookup-url" -> lookupUrl = uri(name, value).toString();
            case "--paper-dir" -> paperDir = Path.of(value);
            case "--ledger" -> {
              for (String url : value.split(",")) {
                ledger.add(uri(name, url));
              }
            }
            default -> policy = Path.of(value);
          }
        }
        default -> throw new IllegalArgumentException("Unknown option: '" + arg + "'");
      }
    }
    return new Request.Run(
        new DemoOptions(kiosk, fullScreen, lookupUrl, ledger, policy, probe, paperDir));
  }

  private static boolean flag(String name, String value) {
    if (value != null) {
      throw new IllegalArgumentException("Option " + name + " takes no value");
    }
    return true;
  }

  private static URI uri(String name, String value) {
    try {
      return new URI(value);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(
          "Invalid value for option " + name + ": '" + value + "' is not a URL");
    }
  }
}
