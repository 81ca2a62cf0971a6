package org.urna.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.Test;
import org.urna.ballotbox.BallotCounts;
import org.urna.ballotbox.outbox.OutboxCounts;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.sync.SyncStatus;

/**
 * The demo's poll-worker panel after the paper-out recovery of {@link PaperOutRecoveryCountsTest}
 * (2 cast, 2 challenged or voided, 4 confirmed), rendered headless to
 * docs/screenshots/kiosk/demo-panel-counts.png (decision 0230).
 */
class DemoPanelCountsScreenshotTest {
  @Test
  void thePanelNamesWhatEachCountCounts() throws Exception {
    System.setProperty("glass.platform", "Monocle");
    System.setProperty("monocle.platform", "Headless");
    System.setProperty("prism.order", "sw");
    System.setProperty("headless.geometry", "1920x1200-32");
    CompletableFuture<Void> started = new CompletableFuture<>();
    try {
      Platform.startup(() -> started.complete(null));
    } catch (IllegalStateException alreadyRunning) {
      started.complete(null);
    }
    started.get(60, TimeUnit.SECONDS);
    SyncStatus sync =
        new SyncStatus(
            0,
            0,
            4,
            Optional.of(new SyncStatus.CheckpointSeen(4, "00", Instant.now(), Instant.now())),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            true);
    CountsBoard.Lines lines =
        CountsBoard.words(
            new BallotCounts(2, 2, 0),
            new OutboxCounts(0, 0, 4),
            Optional.of(sync),
            Optional.empty());
    Path png =
        Path.of(System.getProperty("user.dir"))
            .resolve("../docs/screenshots/kiosk/demo-panel-counts.png")
            .normalize();
    try (InProcessPrinter printer = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20)) {
      CompletableFuture<String[]> shown = new CompletableFuture<>();
      Platform.runLater(
          () -> {
            try {
              PollWorkerPanel panel =
                  new PollWorkerPanel(
                      new DemoElection(),
                      new DemoActivation(),
                      printer,
                      new DemoBallotBox(),
                      null,
                      Path.of("/tmp/urna-demo-paper"));
              panel.showCounts(lines);
              Scene scene = new Scene(new javafx.scene.layout.StackPane(panel.node()), 380, 1000);
              WritableImage image = scene.snapshot(null);
              Files.createDirectories(png.getParent());
              javax.imageio.ImageIO.write(
                  SwingFXUtils.fromFXImage(image, null), "png", png.toFile());
              String[] texts =
                  scene.getRoot().lookupAll(".label").stream()
                      .map(n -> ((Label) n).getText())
                      .toArray(String[]::new);
              shown.complete(texts);
            } catch (Exception | Error e) {
              shown.completeExceptionally(e);
            }
          });
      assertThat(shown.get(60, TimeUnit.SECONDS))
          .contains(
              "Ballot box: 4 ballots recorded: 2 cast, 2 challenged or voided (never counted)",
              "Ledger: 4 of the 4 ballots recorded confirmed (cast and challenged alike), 0 waiting"
                  + " to be confirmed; last checkpoint holds 4 entries");
    }
    assertThat(png).isRegularFile();
  }
}
