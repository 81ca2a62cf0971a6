package org.urna.kiosk.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import org.urna.core.election.SampleElection;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.station.operator.InactivityTimeout;

/**
 * The station's window as {@code urna-kiosk --config} builds it: the devices from the context, the
 * station runtime on its state folder, the operator shell. Started on a TestFX stage (the toolkit
 * of this JVM is TestFX's, so {@code Application.launch} is not called here).
 */
class StationAppTest extends FxRobot {
  @TempDir Path dir;
  private StationApp app;

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      FxToolkit.cleanupApplication(app);
    }
    FxToolkit.cleanupStages();
  }

  @Test
  void theStationStartsOnItsPublicScreenWithNoElectionLoaded() throws Exception {
    TestAuthority cards = new TestAuthority();
    Files.write(dir.resolve("cards-ca.der"), cards.ca.certificateDer());
    StationConfig config =
        new StationConfig(
            "uik-1701",
            new StationConfig.CardReaderChoice.Simulated(),
            new StationConfig.PrinterChoice.Emulator(PrinterProfile.EPSON_TM_T20),
            dir.resolve("box"),
            List.of(java.net.URI.create("http://127.0.0.1:1")),
            dir.resolve("ledger.policy"),
            "en",
            InactivityTimeout.DEFAULT,
            dir.resolve("state"),
            List.of(dir.resolve("usb")),
            SampleElection.create().trustAnchor().sha256Hex(),
            dir.resolve("cards-ca.der"),
            Set.of());
    StationApp.context = StationContext.of(config);
    StationApp.configFile = dir.resolve("station.conf");
    StationApp.smokeTest = false;
    FxToolkit.registerPrimaryStage();
    app = new StationApp();
    FxToolkit.setupStage(
        (Stage stage) -> {
          try {
            app.start(stage);
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            WaitForAsyncUtils.asyncFx(
                    () ->
                        lookup(".label").queryAll().stream()
                            .anyMatch(
                                n ->
                                    ((Labeled) n).getText() != null
                                        && ((Labeled) n).getText().contains("No election loaded")))
                .get());
    assertThat(lookup("#station-root").tryQuery()).isPresent();
    assertThat(lookup("#station-starting").tryQuery())
        .as("the starting screen (decision 0348) is gone once the station is open")
        .isEmpty();
    assertThat(app.assembly()).isNotNull();
    assertThat(Files.isDirectory(dir.resolve("state"))).isTrue();
    // what --smoke-test prints after "first screen shown: " names this screen
    assertThat(
            WaitForAsyncUtils.asyncFx(() -> StationApp.shownWords(lookup("#station-root").query()))
                .get())
        .contains("No election loaded. A poll worker will prepare this station.");
  }

  @Test
  void theSmokeTestsWordsAreTheVisibleLabelsInSceneOrder() throws Exception {
    FxToolkit.registerPrimaryStage();
    String words =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  Label hidden = new Label("hidden label");
                  hidden.setVisible(false);
                  VBox hiddenBox = new VBox(new Label("inside a hidden box"));
                  hiddenBox.setVisible(false);
                  return StationApp.shownWords(
                      new VBox(
                          new Label("  First\n line  "),
                          hidden,
                          hiddenBox,
                          new Label(""),
                          new HBox(new Button("Second"))));
                })
            .get();
    assertThat(words).isEqualTo("First line | Second");
  }
}
