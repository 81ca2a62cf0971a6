package org.urna.kiosk.demo;

import java.io.InputStream;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import org.urna.core.election.BallotStyle;
import org.urna.kiosk.paper.PrinterFault;
import org.urna.kiosk.paper.SimulatedPrinter;
import org.urna.kiosk.station.InMemoryBallotStore;
import org.urna.kiosk.voter.VoterKiosk;

/**
 * The demo's side panel: what a poll worker's card and the printer's paper would be on a real
 * station. Activate the next voter for a ballot style, stage a paper-out, watch the paper.
 */
final class PollWorkerPanel {
  private final VBox root = new VBox(10);
  private final VBox paper = new VBox(12);
  private final Label counts = new Label();
  private final InMemoryBallotStore box;

  PollWorkerPanel(
      DemoElection election,
      DemoActivation activation,
      SimulatedPrinter printer,
      InMemoryBallotStore box,
      VoterKiosk kiosk) {
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
          if (paperOut.isSelected()) {
            printer.failWith(PrinterFault.PAPER_OUT);
          } else {
            printer.repair();
          }
        });
    Label title = new Label("Demo: poll worker and devices");
    title.setStyle("-fx-font-weight: bold; -fx-font-size: 15px;");
    Label paperTitle = new Label("Printer output (newest first)");
    paperTitle.setStyle("-fx-font-weight: bold;");
    ScrollPane scroll = new ScrollPane(paper);
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
            counts,
            paperTitle,
            scroll);
    root.setPadding(new Insets(12));
    root.setPrefWidth(320);
    root.setStyle(
        "-fx-background-color: #f1f1ee; -fx-border-color: #999; -fx-border-width: 0 0 0 2;"
            + " -fx-font-family: 'DejaVu Sans'; -fx-font-size: 13px;");
    kiosk.viewModel().addListener(this::refreshCounts);
    refreshCounts();
  }

  Node node() {
    return root;
  }

  void showPaper(String kind, InputStream png) {
    ImageView view = new ImageView(new Image(png));
    view.setPreserveRatio(true);
    view.setFitWidth(288);
    Label label = new Label(kind);
    paper.getChildren().add(0, new VBox(4, label, view));
    while (paper.getChildren().size() > 12) {
      paper.getChildren().removeLast();
    }
    refreshCounts();
  }

  private void refreshCounts() {
    long cast = box.recorded().stream().filter(r -> r.state().name().equals("CAST")).count();
    counts.setText(
        "Ballot box: " + cast + " cast, " + (box.recorded().size() - cast) + " challenged");
  }
}
