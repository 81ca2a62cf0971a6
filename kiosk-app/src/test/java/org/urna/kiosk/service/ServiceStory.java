package org.urna.kiosk.service;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.robot.BaseRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.kiosk.operator.OperatorContext;

/**
 * Base of the service-mode stories: a station on real devices, service mode open on screen.
 *
 * <p>A tap is one press and release where the finger lands, then a wait for the FX events it
 * caused; the looks at the screen that follow ({@link #onFx}) do not wait again. Screenshots are
 * encoded to PNG on a background thread; the test waits for every file before it ends.
 */
abstract class ServiceStory extends FxRobot {
  static final int WIDTH = 1280;
  static final int HEIGHT = 1024;
  static final Path SCREENSHOTS =
      Path.of("").toAbsolutePath().getParent().resolve("docs/screenshots/service");

  /** Encodes the screenshots' PNG files while the story goes on. */
  private static final ExecutorService PNG_WRITER =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("png-writer").factory());

  private final List<Future<?>> pngs = new ArrayList<>();
  ServiceRig rig = new ServiceRig();
  ServiceMode mode;
  Parent root;
  Scene scene;
  int signOuts;

  /** Opens service mode on {@code reader} and {@code printer} in {@code language}. */
  void open(
      CardReader reader,
      ReceiptPrinter printer,
      boolean withBox,
      String language,
      Clock clock,
      long minFree)
      throws TimeoutException {
    rig.start(reader, printer, withBox);
    mode =
        new ServiceMode(
            rig.configFile,
            new StateFolderKeyStore(rig.config.stateFolder(), new java.security.SecureRandom()),
            clock,
            minFree);
    FxToolkit.registerPrimaryStage();
    FxToolkit.setupStage(
        stage -> {
          root =
              mode.open(
                  new OperatorContext(
                      rig.station,
                      TechnicianCard.CARD,
                      null,
                      language,
                      () -> {},
                      () -> signOuts++,
                      Platform::runLater,
                      rig.worker));
          scene = new Scene(root, WIDTH, HEIGHT);
          stage.setScene(scene);
          stage.show();
        });
    WaitForAsyncUtils.waitForFxEvents();
  }

  void open(CardReader reader, ReceiptPrinter printer, boolean withBox, String language)
      throws TimeoutException {
    open(reader, printer, withBox, language, Clock.systemDefaultZone(), 1);
  }

  @AfterEach
  void closeRig() throws TimeoutException, InterruptedException, ExecutionException {
    for (Future<?> png : pngs) {
      png.get();
    }
    FxToolkit.cleanupStages();
    rig.close();
  }

  void tap(String id) {
    Node n = lookup("#" + id).query();
    onFx(
        () -> {
          for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp && sp.getContent() != null) {
              double y = sp.getContent().sceneToLocal(n.localToScene(0, 0)).getY();
              double total = sp.getContent().getBoundsInLocal().getHeight();
              double view = sp.getViewportBounds().getHeight();
              if (total > view) {
                sp.setVvalue(Math.max(0, Math.min(1, (y - 20) / (total - view))));
                sp.layout();
              }
            }
          }
        });
    // a finger lands where it taps (clickOn would glide the mouse there, waiting at each step)
    Point2D at = point(n).query();
    BaseRobot finger = robotContext().getBaseRobot();
    finger.moveMouse(at);
    finger.pressMouse(MouseButton.PRIMARY);
    finger.releaseMouse(MouseButton.PRIMARY);
    WaitForAsyncUtils.waitForFxEvents();
  }

  /**
   * Looks at the screen: runs {@code look} on the FX thread and returns what it saw. Unlike {@link
   * #interact}, no wait for FX events after it: a look changes nothing, and the gesture before it
   * already waited for the events it caused.
   */
  <T> T onFx(java.util.concurrent.Callable<T> look) {
    return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(look));
  }

  void onFx(Runnable look) {
    WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(look));
  }

  void waitUntil(String what, BooleanSupplier condition) {
    try {
      WaitForAsyncUtils.waitFor(
          60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get());
    } catch (TimeoutException e) {
      throw new AssertionError("never happened: " + what + "; on screen: " + shownTexts(), e);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  void waitFor(String id) {
    waitUntil("#" + id + " shows", () -> lookup("#" + id).tryQuery().isPresent());
  }

  String text(String id) {
    return onFx(() -> ((Labeled) lookup("#" + id).query()).getText());
  }

  boolean shows(String id) {
    return onFx(
        () -> {
          var n = lookup("#" + id).tryQuery();
          return n.isPresent() && n.get().isVisible();
        });
  }

  List<String> shownTexts() {
    List<String> out = new ArrayList<>();
    if (root != null) {
      collect(root, out);
    }
    return out;
  }

  private static void collect(Node n, List<String> out) {
    if (n instanceof Labeled l && l.getText() != null) {
      out.add(l.getText());
    }
    if (n instanceof ScrollPane sp && sp.getContent() != null) {
      collect(sp.getContent(), out);
    }
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        collect(c, out);
      }
    }
  }

  BufferedImage snapshot() {
    return SwingFXUtils.fromFXImage(onFx(() -> root.snapshot(null, null)), null);
  }

  /**
   * Saves the screen as docs/screenshots/service/<name>.png: the screen is taken now, the file
   * written on a background thread (the test waits for it before it ends).
   */
  void screenshot(String name) {
    WritableImage img = onFx(() -> root.snapshot(null, null));
    pngs.add(PNG_WRITER.submit(() -> save(SwingFXUtils.fromFXImage(img, null), name)));
  }

  static void save(BufferedImage b, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      ImageIO.write(b, "png", SCREENSHOTS.resolve(name + ".png").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
