package org.urna.kiosk.demo;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.hardware.printer.emulator.InProcessPrinter;

/**
 * The demo's side panel: the station's simulated devices and nothing else (decision 0346). It puts
 * an operator's card into the simulated card reader or takes it out (the PINs are shown: on a real
 * station they come in sealed letters), runs the printer out of paper, shows the paper the emulator
 * printed and the ballot box's and the ledger's counts. Every operator action happens on the
 * station's own screen, after the card's PIN.
 */
final class DemoPanel {
  private final VBox root = new VBox(8);
  private final VBox paper = new VBox(12);
  private final Label inReader = new Label("Card reader: empty");
  private final Label counts = new Label("Ballot box: no election loaded");
  private final Label sync = new Label("Ledger: waiting for the ballot box");
  private final ScrollPane scroll;

  DemoPanel(DemoStation demo, SimulatedCardReader reader, InProcessPrinter printer, Path paperDir) {
    Label title = new Label("Demo: simulated devices");
    title.setStyle("-fx-font-weight: bold; -fx-font-size: 15px;");
    Label how =
        label(
            "1. Insert the poll worker's card and enter its PIN on the station's screen. 2. Load"
                + " the election package, open the polls (the zero report prints), activate a"
                + " voter. 3. Take the card out: the voter's ballot opens.");
    root.getChildren().addAll(title, how);
    root.getChildren()
        .addAll(
            cardButton(
                "demo-insert-poll-worker",
                "Insert poll worker card",
                DemoStation.POLL_WORKER_PIN,
                reader,
                demo.pollWorker),
            cardButton(
                "demo-insert-technician",
                "Insert technician card",
                DemoStation.TECHNICIAN_PIN,
                reader,
                demo.technician),
            cardButton(
                "demo-insert-election-manager",
                "Insert election manager card",
                DemoStation.ELECTION_MANAGER_PIN,
                reader,
                demo.electionManager));
    Button out = new Button("Take the card out");
    out.setId("demo-card-out");
    out.setMaxWidth(Double.MAX_VALUE);
    out.setFocusTraversable(false);
    out.setOnAction(
        e -> {
          reader.remove();
          inReader.setText("Card reader: empty");
        });
    CheckBox paperOut = new CheckBox("Printer: out of paper");
    paperOut.setId("demo-paper-out");
    paperOut.setFocusTraversable(false);
    paperOut.setOnAction(e -> printer.emulator().setPaperOut(paperOut.isSelected()));
    Label paperTitle = new Label("Printer output (newest first; click to see it whole)");
    paperTitle.setStyle("-fx-font-weight: bold;");
    paperTitle.setWrapText(true);
    paperTitle.setMinHeight(Region.USE_PREF_SIZE);
    Label saved = label("Each paper is saved as PNG in " + paperDir);
    scroll = new ScrollPane(paper);
    scroll.setFitToWidth(true);
    scroll.setFocusTraversable(false);
    scroll.setPrefHeight(600);
    counts.setId("demo-counts");
    sync.setId("demo-sync");
    for (Label l : new Label[] {inReader, counts, sync}) {
      l.setWrapText(true);
      l.setMinHeight(Region.USE_PREF_SIZE);
    }
    inReader.setId("demo-card-in-reader");
    root.getChildren().addAll(out, inReader, paperOut, counts, sync, paperTitle, saved, scroll);
    root.setPadding(new Insets(12));
    root.setPrefWidth(360);
    root.setMinWidth(360);
    root.setStyle(
        "-fx-background-color: #f1f1ee; -fx-border-color: #999; -fx-border-width: 0 0 0 2;"
            + " -fx-font-family: 'DejaVu Sans'; -fx-font-size: 13px;");
  }

  private Node cardButton(
      String id, String text, String pin, SimulatedCardReader reader, VirtualPivCard card) {
    Button b = new Button(text + " (PIN " + pin + ")");
    b.setId(id);
    b.setMaxWidth(Double.MAX_VALUE);
    b.setFocusTraversable(false);
    b.setOnAction(
        e -> {
          reader.insert(card);
          inReader.setText("Card reader: " + text.substring("Insert ".length()));
        });
    return b;
  }

  private static Label label(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    l.setMinHeight(Region.USE_PREF_SIZE);
    return l;
  }

  Node node() {
    return root;
  }

  /** The box's and the ledger's counts, read together; an alarm in red. Call on the FX thread. */
  void showCounts(CountsBoard.Lines lines) {
    counts.setText(lines.box());
    sync.setText(lines.ledger());
    sync.setStyle(lines.alarm() ? "-fx-text-fill: #a00000; -fx-font-weight: bold;" : "");
  }

  /** Shows a printed paper, newest first. Call on the FX thread. */
  void showPaper(String kind, BufferedImage png, Path file) {
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
  private static void showWhole(String kind, javafx.scene.image.Image image, Path f) {
    ScrollPane pane = new ScrollPane(new ImageView(image));
    javafx.stage.Stage stage = new javafx.stage.Stage();
    stage.setTitle("Printed " + kind + (f == null ? "" : " — " + f));
    stage.setScene(
        new javafx.scene.Scene(pane, image.getWidth() + 24, Math.min(image.getHeight() + 8, 900)));
    stage.show();
  }
}
