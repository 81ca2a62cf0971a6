package org.urna.kiosk.demo;

import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import org.urna.core.election.BallotStyle;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.voter.VoterKiosk;

/**
 * The demo's side panel: what a poll worker's card and the printer's paper would be on a real
 * station. Activate the next voter for a ballot style, stage a paper-out, watch the paper.
 */
final class PollWorkerPanel {
  private final VBox root = new VBox(10);
  private final VBox paper = new VBox(12);
  private final Label counts = new Label();
  private final Label sync = new Label();
  private final DemoBallotBox box;
  private ScrollPane scroll;
  private volatile Runnable closingReport = () -> {};

  PollWorkerPanel(
      DemoElection election,
      DemoActivation activation,
      InProcessPrinter printer,
      DemoBallotBox box,
      VoterKiosk kiosk,
      java.nio.file.Path paperDir) {
    this.box = box;
    ChoiceBox<String> style = new ChoiceBox<>();
    for (BallotStyle s : election.manifest.ballotStyles()) {
      style.getItems().add(s.id());
    }
    style.setValue(DemoElection.FULL_STYLE);
    Button activate = new Button("Poll worker: activate next voter");
    activate.setId("demo-activate");
    activate.setMaxWidth(Double.MAX_VALUE);
    activate.setOnAction(e -> activation.activate(style.getValue()));
    activate.setFocusTraversable(false);
    CheckBox paperOut = new CheckBox("Printer: out of paper");
    paperOut.setFocusTraversable(false);
    paperOut.setOnAction(
        e -> {
          printer.emulator().setPaperOut(paperOut.isSelected());
        });
    // On a real station the operator shell unlocks the poll worker's buttons after card and PIN.
    CheckBox pollWorker = new CheckBox("Poll worker signed in (card and PIN)");
    pollWorker.setId("demo-poll-worker");
    pollWorker.setFocusTraversable(false);
    pollWorker.setOnAction(e -> kiosk.viewModel().setPollWorkerPresent(pollWorker.isSelected()));
    Button closing = new Button("Poll worker: print closing report");
    closing.setMaxWidth(Double.MAX_VALUE);
    closing.setFocusTraversable(false);
    closing.setOnAction(e -> closingReport.run());
    Label title = new Label("Demo: poll worker and devices");
    title.setStyle("-fx-font-weight: bold; -fx-font-size: 15px;");
    Label paperTitle = new Label("Printer output (newest first; click to see it whole)");
    paperTitle.setStyle("-fx-font-weight: bold;");
    paperTitle.setWrapText(true);
    paperTitle.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    Label saved = new Label("Each paper is saved as PNG in " + paperDir);
    saved.setWrapText(true);
    ScrollPane scroll = new ScrollPane(paper);
    this.scroll = scroll;
    scroll.setFitToWidth(true);
    scroll.setFocusTraversable(false);
    scroll.setPrefHeight(700);
    root.getChildren()
        .addAll(
            title,
            new Label("Ballot style"),
            style,
            activate,
            paperOut,
            pollWorker,
            closing,
            counts,
            sync,
            paperTitle,
            saved,
            scroll);
    root.setPadding(new Insets(12));
    root.setPrefWidth(360);
    root.setStyle(
        "-fx-background-color: #f1f1ee; -fx-border-color: #999; -fx-border-width: 0 0 0 2;"
            + " -fx-font-family: 'DejaVu Sans'; -fx-font-size: 13px;");
    counts.setWrapText(true);
    // the counts wrap and never shrink to an ellipsis; the paper's scroll pane gives way instead
    counts.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    sync.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
    counts.setText("Ballot box: opening…");
    sync.setWrapText(true);
    sync.setText("Ledger: starting…");
  }

  /** What the "print closing report" button does. */
  void onClosingReport(Runnable action) {
    this.closingReport = action;
  }

  /**
   * The box's and the ledger's counts, read together ({@link CountsBoard}); an alarm first, in red.
   * Call on the FX thread.
   */
  void showCounts(CountsBoard.Lines lines) {
    counts.setText(lines.box());
    sync.setText(lines.ledger());
    sync.setStyle(lines.alarm() ? "-fx-text-fill: #a00000; -fx-font-weight: bold;" : "");
  }

  Node node() {
    return root;
  }

  /** Shows a printed paper, newest first. */
  void showPaper(String kind, BufferedImage png, java.nio.file.Path file) {
    javafx.scene.image.Image image = SwingFXUtils.toFXImage(png, null);
    ImageView view = new ImageView(image);
    view.setPreserveRatio(true);
    view.setSmooth(true);
    // The whole width of the paper, scaled down to the panel (never cut at the right edge).
    view.fitWidthProperty()
        .bind(
            javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.min(image.getWidth(), scroll.getViewportBounds().getWidth() - 4),
                scroll.viewportBoundsProperty()));
    view.setOnMouseClicked(e -> showWhole(kind, image, file));
    view.setCursor(javafx.scene.Cursor.HAND);
    Label label = new Label(file == null ? kind : kind + " — " + file.getFileName());
    paper.getChildren().add(0, new VBox(4, label, view));
    while (paper.getChildren().size() > 12) {
      paper.getChildren().removeLast();
    }
  }

  /** One paper at its printed size (one dot a pixel) in a window of its own, scrollable. */
  private static void showWhole(String kind, javafx.scene.image.Image image, java.nio.file.Path f) {
    ScrollPane pane = new ScrollPane(new ImageView(image));
    javafx.stage.Stage stage = new javafx.stage.Stage();
    stage.setTitle("Printed " + kind + (f == null ? "" : " — " + f));
    stage.setScene(
        new javafx.scene.Scene(pane, image.getWidth() + 24, Math.min(image.getHeight() + 8, 900)));
    stage.show();
  }
}
