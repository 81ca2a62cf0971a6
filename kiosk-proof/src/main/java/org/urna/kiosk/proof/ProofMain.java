package org.urna.kiosk.proof;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.urna.core.election.ElectionManifest;
import org.urna.kiosk.ui.ScreenGeometry;

/**
 * {@code urna election proof --manifest FILE --out DIR [--screen WxH@INCHES]}: the proof of every
 * ballot style before the election is signed (docs/spec/election-authoring.md, step 1½). Renders
 * headless: the JavaFX toolkit starts on Monocle's headless platform with the software renderer, so
 * it runs on any machine without a display.
 */
public final class ProofMain {
  /** Exit codes: written, bad input (nothing written), the rendering failed. */
  public static final int OK = 0;

  public static final int FAILED = 1;
  public static final int PROBLEMS = 2;

  static final String USAGE =
      """
      Usage: urna election proof --manifest FILE --out DIR [--screen WxH@INCHES]
      Draws every voter's screen of every ballot style, in every language of the election, at the
      default and the largest text size, with the kiosk's own screens; prints the paper record and
      the receipt through the printer emulator; writes them as PNG files with DIR/index.html.
        --manifest FILE   the checked manifest (JSON, as `urna election check --json-out` writes)
        --out DIR         a new or empty folder for the proof
        --screen WxH@IN   the kiosk's screen (default 1280x1024@17, as urna.kiosk.screen)
      """;

  private ProofMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the proof; returns the exit code. Starts the FX toolkit when it is not running yet. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path manifestFile = null;
    Path dir = null;
    ScreenGeometry screen = ScreenGeometry.configured();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "-h", "--help" -> {
            out.print(USAGE);
            return OK;
          }
          case "--manifest" -> manifestFile = Path.of(value(args, ++i, "--manifest"));
          case "--out" -> dir = Path.of(value(args, ++i, "--out"));
          case "--screen" -> screen = ScreenGeometry.parse(value(args, ++i, "--screen"));
          default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
        }
      }
      if (manifestFile == null || dir == null) {
        throw new IllegalArgumentException("--manifest and --out are both required");
      }
      if (!Files.isRegularFile(manifestFile)) {
        throw new IllegalArgumentException(manifestFile + ": no such file");
      }
      if (Files.exists(dir) && !empty(dir)) {
        throw new IllegalArgumentException(
            dir + " is not an empty folder: choose a new one, so no page of an older proof stays");
      }
    } catch (IllegalArgumentException e) {
      err.println("urna election proof: " + e.getMessage());
      err.print(USAGE);
      return PROBLEMS;
    }
    ElectionManifest manifest;
    try {
      manifest = ElectionProof.readManifest(manifestFile);
    } catch (IllegalArgumentException | IOException e) {
      err.println(e.getMessage());
      return PROBLEMS;
    }
    try {
      startHeadless(screen);
      ElectionProof.Result r =
          new ElectionProof(manifest, dir, screen, s -> out.println("Proof: " + s)).run();
      List<String> problems =
          r.shots().stream()
              .flatMap(s -> s.problems().stream().map(p -> s.file().getFileName() + ": " + p))
              .toList();
      out.println(
          "Proof written: "
              + r.shots().size()
              + " screens and "
              + r.papers().size()
              + " papers of "
              + manifest.ballotStyles().size()
              + " ballot styles in "
              + manifest.languages().size()
              + " languages; open "
              + dir.resolve("index.html"));
      if (!problems.isEmpty()) {
        err.println("Texts cut on screen (the official must look at these):");
        problems.forEach(p -> err.println("  " + p));
      }
      return OK;
    } catch (IOException | RuntimeException e) {
      err.println("urna election proof: the proof could not be drawn: " + e);
      return FAILED;
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static boolean empty(Path dir) {
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Starts JavaFX on Monocle's headless screen, large enough for the kiosk's, with the software
   * renderer; nothing to do when the toolkit already runs (the tests start it).
   */
  static synchronized void startHeadless(ScreenGeometry screen) {
    System.setProperty("java.awt.headless", "true");
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    System.setProperty("headless.geometry", screen.widthPx() + "x" + screen.heightPx() + "-32");
    CountDownLatch started = new CountDownLatch(1);
    try {
      Platform.startup(started::countDown);
    } catch (IllegalStateException alreadyRunning) {
      started.countDown();
    }
    Platform.setImplicitExit(false);
    try {
      if (!started.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the headless screen did not start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
