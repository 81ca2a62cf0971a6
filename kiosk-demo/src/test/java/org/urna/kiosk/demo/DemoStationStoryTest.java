package org.urna.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Labeled;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.urna.core.election.SampleElection;
import org.urna.kiosk.polls.PollsState;

/**
 * The demo as a visitor uses it (decision 0346): the station's own screens started from the demo's
 * configuration, the side panel only putting cards into the simulated reader and paper into the
 * emulator. A voter gets a ballot only after a poll worker's card and PIN; the voter's screen has
 * no operator button that works without them; the in-process ledger confirms what was cast. Saves
 * docs/screenshots/kiosk/demo-window.png and demo-panel-counts.png.
 */
class DemoStationStoryTest extends FxRobot {
  /** The voter's screens' buttons labelled "Poll worker: …" (fault.retry, fault.end). */
  private static final java.util.Set<String> POLL_WORKERS_ON_A_VOTERS_SCREEN =
      java.util.Set.of("retry", "end");

  @TempDir Path tmp;
  private Application app;
  private DemoStation demo;

  @BeforeEach
  void startTheDemo() throws Exception {
    DemoMain.options =
        ((DemoOptions.Request.Run) DemoOptions.parse("--paper-dir=" + tmp.resolve("paper")))
            .options();
    demo = DemoStation.create(Instant.now(), List.of(), null, null, tmp.resolve("cache"));
    DemoMain.station = CompletableFuture.completedFuture(demo);
    FxToolkit.registerPrimaryStage();
    Supplier<Application> demoApp = DemoApp::new;
    app = FxToolkit.setupApplication(demoApp);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @AfterEach
  void stopTheDemo() throws Exception {
    if (app != null) {
      FxToolkit.cleanupApplication(app);
    }
    FxToolkit.cleanupStages();
    assertThat(demo.folder).as("the demo's temporary folder is removed").doesNotExist();
  }

  @Test
  void aVoterVotesOnlyAfterAPollWorkersCardAndPinAndTheLedgerConfirmsTheBallots() throws Exception {
    waitForText("No election");
    assertNoOperatorButtonWorksForAVoter("before any card");

    // A technician's card opens service mode, never the poll worker's buttons.
    tap("demo-insert-technician");
    enterPin(DemoStation.TECHNICIAN_PIN);
    waitFor("operator-header");
    skipPinChangeOffer();
    assertThat(showing("pw-activate")).as("a technician cannot activate a voter").isFalse();
    assertThat(showing("pw-load")).isFalse();
    tap("demo-card-out");
    waitForGone("operator-header");

    // The poll worker's card with a wrong PIN opens nothing.
    tap("demo-insert-poll-worker");
    waitFor("pin-ok");
    assertThat(showing("pw-load")).as("no poll worker screen before the PIN").isFalse();
    enterPin("999999");
    WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
    assertThat(showing("operator-header")).as("a wrong PIN signs nobody in").isFalse();
    assertThat(showing("pw-load")).isFalse();
    tap("demo-card-out");

    // Card and PIN: load the package, open the polls (zero report), activate a voter.
    tap("demo-insert-poll-worker");
    enterPin(DemoStation.POLL_WORKER_PIN);
    waitFor("operator-header");
    skipPinChangeOffer();
    tap("pw-load");
    waitFor("screen-load-confirm");
    tap("pw-load-confirm");
    waitFor("screen-done");
    tap("pw-home");
    tap("pw-open");
    waitFor("screen-done");
    assertThat(station().pollsState()).isEqualTo(PollsState.OPEN);
    assertThat(paper())
        .as("the zero report, printed to the emulator")
        .anyMatch(n -> n.contains("zero"));
    activate();
    assertThat(showing("screen-language")).as("no ballot while the card is in").isFalse();
    tap("demo-card-out");
    waitFor("screen-language");
    assertNoOperatorButtonWorksForAVoter("a voter's session");
    screenshot("demo-window", false);
    vote();
    waitFor("screen-waiting");
    assertNoOperatorButtonWorksForAVoter("the waiting screen");

    // Paper out: the voter's fault screen has the poll worker's buttons, locked without a card.
    tap("demo-insert-poll-worker");
    enterPin(DemoStation.POLL_WORKER_PIN);
    waitFor("operator-header");
    activate();
    tap("demo-card-out");
    waitFor("screen-language");
    tap("demo-paper-out");
    tap("start");
    tap("sel-yes");
    tap("next");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-printer-fault");
    assertThat(showing("retry") && showing("end")).as("the poll worker's buttons").isTrue();
    assertNoOperatorButtonWorksForAVoter("the printer fault screen");
    clickOn(lookup("#retry").queryButton());
    clickOn(lookup("#end").queryButton());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(showing("screen-printer-fault"))
        .as("a voter tapping the locked buttons changes nothing")
        .isTrue();
    // The poll worker signs in: the same buttons now work, on the voter's screen.
    tap("demo-paper-out");
    tap("demo-insert-poll-worker");
    enterPin(DemoStation.POLL_WORKER_PIN);
    waitFor("operator-voter-help");
    tap("retry");
    tap("demo-card-out");
    waitForGone("operator-header");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    tap("cast");
    waitFor("screen-cast");
    tap("finish");
    waitFor("screen-waiting");

    // The ledger in this process confirms every recorded ballot, as the panel says.
    assertThat(station().counts().cast()).isEqualTo(2);
    long recorded = station().counts().cast() + station().counts().challenged();
    waitForText("Ledger: " + recorded + " of the " + recorded + " ballots recorded confirmed", 120);
    screenshot("demo-panel-counts", true);
  }

  // ---- the story's steps ----

  private void activate() {
    if (showing("pw-home")) {
      tap("pw-home");
    }
    tap("pw-activate");
    waitFor("screen-choose-style");
    tap("pw-style-" + SampleElection.STYLE_REFERENDUM);
    waitFor("screen-done");
  }

  private void vote() {
    tap("start");
    tap("sel-yes");
    tap("next");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    tap("cast");
    waitFor("screen-cast");
    tap("finish");
  }

  private void skipPinChangeOffer() {
    if (showing("screen-pin-change-offer")) {
      tap("pin-change-later");
    }
  }

  private void enterPin(String digits) {
    waitFor("pin-ok");
    for (char c : digits.toCharArray()) {
      tap("pin-" + c);
    }
    tap("pin-ok");
  }

  /**
   * On the station's screen (not the demo's panel): no poll worker's screen, and every button that
   * speaks for a poll worker is disabled.
   */
  private void assertNoOperatorButtonWorksForAVoter(String when) {
    List<String> working = new ArrayList<>();
    interact(
        () ->
            stationRoot()
                .lookupAll(".button")
                .forEach(
                    n -> {
                      Button b = (Button) n;
                      String id = String.valueOf(b.getId());
                      boolean operators =
                          id.startsWith("pw-")
                              || POLL_WORKERS_ON_A_VOTERS_SCREEN.contains(id)
                              || (b.getText() != null && b.getText().startsWith("Poll worker"));
                      if (operators && b.isVisible() && !b.isDisabled()) {
                        working.add(b.getId() + " " + b.getText());
                      }
                    }));
    assertThat(working).as("operator buttons a voter can use (%s)", when).isEmpty();
    assertThat(showing("operator-header")).as("no operator signed in (%s)", when).isFalse();
    assertThat(station().armedActivation()).as("nothing armed (%s)", when).isEmpty();
  }

  private org.urna.kiosk.polls.StationRuntime station() {
    return ((DemoApp) app).assembly().station();
  }

  private Parent stationRoot() {
    return ((DemoApp) app).assembly().root();
  }

  private List<String> paper() throws IOException {
    try (Stream<Path> s = Files.list(tmp.resolve("paper"))) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  // ---- gestures ----

  private void waitFor(String id) {
    waitUntil("#" + id + " showing", () -> lookup("#" + id).tryQuery().isPresent(), 30);
  }

  private void waitForGone(String id) {
    waitUntil("#" + id + " gone", () -> lookup("#" + id).tryQuery().isEmpty(), 30);
  }

  private void waitForText(String part) {
    waitForText(part, 30);
  }

  private void waitForText(String part, int seconds) {
    waitUntil(
        "a text containing '" + part + "'",
        () -> textsNow().stream().anyMatch(t -> t.contains(part)),
        seconds);
  }

  private void waitUntil(String what, Supplier<Boolean> done, int seconds) {
    try {
      WaitForAsyncUtils.waitFor(
          seconds, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(done::get).get());
    } catch (TimeoutException e) {
      throw new AssertionError("never " + what + "; texts: " + texts(), e);
    }
    WaitForAsyncUtils.waitForFxEvents();
  }

  private boolean showing(String id) {
    WaitForAsyncUtils.waitForFxEvents();
    boolean[] b = new boolean[1];
    interact(() -> b[0] = lookup("#" + id).tryQuery().isPresent());
    return b[0];
  }

  private void tap(String id) {
    waitFor(id);
    Node n = lookup("#" + id).query();
    waitUntil("#" + id + " enabled", () -> !n.isDisabled(), 30);
    clickOn(n);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private List<String> texts() {
    List<String> out = new ArrayList<>();
    interact(() -> out.addAll(textsNow()));
    return out;
  }

  private List<String> textsNow() {
    List<String> out = new ArrayList<>();
    for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
      if (w.getScene() != null) {
        collect(w.getScene().getRoot(), out);
      }
    }
    return out;
  }

  private static void collect(Node n, List<String> out) {
    if (!n.isVisible()) {
      return;
    }
    if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
      out.add(l.getText());
    }
    if (n instanceof Parent p) {
      for (Node c : p.getChildrenUnmodifiable()) {
        collect(c, out);
      }
    }
  }

  /** Saves the demo's window (or its panel only) to docs/screenshots/kiosk/{@code name}.png. */
  private void screenshot(String name, boolean panelOnly) {
    WaitForAsyncUtils.waitForFxEvents();
    WritableImage[] img = new WritableImage[1];
    interact(
        () -> {
          Parent window = stationRoot().getScene().getRoot();
          Node target = panelOnly ? ((javafx.scene.layout.BorderPane) window).getRight() : window;
          img[0] = target.snapshot(null, null);
        });
    BufferedImage b = SwingFXUtils.fromFXImage(img[0], null);
    Path dir = Path.of(System.getProperty("urna.screenshots", "target/screenshots/kiosk"));
    try {
      Files.createDirectories(dir);
      ImageIO.write(b, "png", dir.resolve(name + ".png").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
