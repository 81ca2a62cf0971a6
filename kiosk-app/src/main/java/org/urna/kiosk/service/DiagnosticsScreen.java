package org.urna.kiosk.service;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.urna.hardware.printer.PrintResult;

/** Diagnostics: each check a pass/fail line with its detail; the touchscreen grid; the report. */
final class DiagnosticsScreen {
  static final int GRID_COLUMNS = 6;
  static final int GRID_ROWS = 4;

  private final Services s;
  private final Diagnostics d;
  private final VBox lines = new VBox(8);
  private final Label status;
  private final VBox root = new VBox(16);

  DiagnosticsScreen(Services s) {
    this.s = s;
    this.d = new Diagnostics(s.station(), s.words().language(), s.clock(), s.minFreeBytes());
    this.status = Ui.text("diagnostics-status", "");
  }

  /** The checks on screen, in order, with their words' keys; the first eight run by themselves. */
  private static final List<String[]> ROWS =
      List.of(
          new String[] {"card-readers", "check.readers"},
          new String[] {"card-apdu", "check.apdu"},
          new String[] {"printer", "check.printer"},
          new String[] {"serial-ports", "check.serial"},
          new String[] {"disk", "check.disk"},
          new String[] {"clock", "check.clock"},
          new String[] {"ledger", "check.ledger"},
          new String[] {"trust-policy", "check.policy"},
          new String[] {"touchscreen", "check.touch"},
          new String[] {"test-page", "check.testPage"});

  Node view() {
    root.setId("screen-diagnostics");
    FlowPane actions = new FlowPane(12, 12);
    actions.getChildren().add(action(Ui.button("run-all", s.t("diag.runAll")), d::runAll));
    Button touch = Ui.button("touch-test", s.t("diag.touch"));
    touch.setOnAction(e -> showGrid());
    Button report = Ui.button("print-report", s.t("diag.report"));
    report.setOnAction(e -> printReport());
    actions
        .getChildren()
        .addAll(
            action(Ui.button("print-test-page", s.t("diag.testPage")), () -> List.of(d.testPage())),
            touch,
            report);
    root.getChildren().setAll(Ui.heading(s.t("nav.diagnostics")), actions, status, lines);
    show();
    return root;
  }

  /** The one check of row {@code id}, run again from its row. */
  private java.util.concurrent.Callable<List<Check>> single(String id) {
    return switch (id) {
      case "card-readers" -> () -> List.of(d.cardReaders());
      case "card-apdu" -> () -> List.of(d.cardRoundTrip());
      case "printer" -> () -> List.of(d.printer());
      case "serial-ports" -> () -> List.of(d.serialPorts());
      case "disk" -> () -> List.of(d.disk());
      case "clock" -> () -> List.of(d.clock());
      case "ledger" -> () -> List.of(d.ledger());
      case "trust-policy" -> () -> List.of(d.trustPolicy());
      case "test-page" -> () -> List.of(d.testPage());
      default -> null;
    };
  }

  private Button action(Button b, java.util.concurrent.Callable<List<Check>> work) {
    b.setOnAction(
        e -> {
          status.setText(s.t("diag.running"));
          s.background(
              work,
              checks -> {
                checks.forEach(c -> s.results().put(c.id(), c));
                status.setText(s.t("diag.done"));
                show();
              },
              ex -> status.setText(s.t("diag.error", String.valueOf(ex.getMessage()))));
        });
    return b;
  }

  private void show() {
    lines.getChildren().clear();
    for (String[] r : ROWS) {
      Check c = s.results().get(r[0]);
      lines.getChildren().add(line(r[0], s.t(r[1]), c));
    }
  }

  /** A row: PASS, FAIL or a dash when not checked yet, the check's name and what it found. */
  private Node line(String id, String title, Check c) {
    Label mark = new Label(c == null ? "—" : c.passed() ? s.t("mark.pass") : s.t("mark.fail"));
    mark.setId("mark-" + id);
    mark.setMinWidth(120);
    mark.setAlignment(Pos.CENTER);
    mark.setStyle(
        "-fx-font-weight: bold; -fx-text-fill: white; -fx-padding: 6 10 6 10;"
            + " -fx-background-radius: 6; -fx-background-color: "
            + (c == null ? "#7a8794" : c.passed() ? "#1b5e20" : "#a4161a")
            + ";");
    Label name = new Label(c == null ? title : c.name());
    name.setStyle("-fx-font-weight: bold;");
    name.setWrapText(true);
    Label detail =
        Ui.text(
            (c == null ? "pending-detail-" : "detail-") + id,
            c == null ? s.t("diag.notYet") : c.detail());
    VBox words = new VBox(2, name, detail);
    words.setMinWidth(0);
    HBox.setHgrow(words, Priority.ALWAYS);
    HBox row = new HBox(16, mark, words);
    var work = single(id);
    if (work != null && !id.equals("test-page")) {
      Button again = action(Ui.quiet("diag-" + id, s.t("diag.again")), work);
      again.setMinWidth(Region.USE_PREF_SIZE);
      row.getChildren().add(again);
    }
    row.setAlignment(Pos.CENTER_LEFT);
    row.setId((c == null ? "pending-" : "check-") + id);
    if (c != null) {
      row.getStyleClass().add(c.passed() ? "pass" : "fail");
    }
    row.setPadding(new Insets(10));
    row.setStyle("-fx-background-color: white; -fx-background-radius: 8;");
    return row;
  }

  /** The touchscreen grid: every cell must be tapped; passes when all were. */
  private void showGrid() {
    GridPane grid = new GridPane();
    grid.setId("touch-grid");
    grid.setHgap(6);
    grid.setVgap(6);
    List<Button> cells = new ArrayList<>();
    Label left = Ui.text("touch-left", s.t("touch.left", GRID_ROWS * GRID_COLUMNS));
    Button done = Ui.quiet("touch-done", s.t("touch.stop"));
    for (int r = 0; r < GRID_ROWS; r++) {
      for (int c = 0; c < GRID_COLUMNS; c++) {
        Button cell = new Button(" ");
        cell.setId("cell-" + r + "-" + c);
        cell.setPrefSize(150, 120);
        cell.setMinSize(90, 90);
        cell.setStyle("-fx-background-color: #dfe6ee; -fx-background-radius: 6;");
        cell.setOnAction(
            e -> {
              if (!cell.getStyleClass().contains("tapped")) {
                cell.getStyleClass().add("tapped");
                cell.setText("✓");
                cell.setStyle(
                    "-fx-background-color: #1b5e20; -fx-text-fill: white; -fx-font-size: 32px;"
                        + " -fx-background-radius: 6;");
              }
              long n = cells.stream().filter(x -> !x.getStyleClass().contains("tapped")).count();
              left.setText(s.t("touch.left", n));
              if (n == 0) {
                record(true, s.t("touch.ok", cells.size()));
              }
            });
        cells.add(cell);
        grid.add(cell, c, r);
      }
    }
    done.setOnAction(
        e -> {
          long n = cells.stream().filter(x -> !x.getStyleClass().contains("tapped")).count();
          if (n > 0) {
            record(false, s.t("touch.missed", n, cells.size()));
          } else {
            record(true, s.t("touch.ok", cells.size()));
          }
        });
    root.getChildren()
        .setAll(
            Ui.heading(s.t("touch.title")),
            Ui.text("touch-hint", s.t("touch.hint")),
            left,
            grid,
            done);
  }

  private void record(boolean passed, String detail) {
    s.results().put("touchscreen", new Check("touchscreen", s.t("check.touch"), passed, detail));
    view();
    status.setText(s.t("diag.done"));
  }

  /** Prints every result so far (running the checks first when none ran) on the station printer. */
  private void printReport() {
    status.setText(s.t("diag.printing"));
    s.background(
        () -> {
          if (s.results().keySet().stream().noneMatch(k -> !k.equals("touchscreen"))) {
            d.runAll().forEach(c -> s.results().put(c.id(), c));
          }
          List<Check> all = new ArrayList<>(s.results().values());
          PrintResult r =
              s.station()
                  .printer()
                  .print(
                      ReadinessReport.paper(
                          s.config().stationId(),
                          s.clock().instant(),
                          s.clock().getZone(),
                          all,
                          s.words().language()));
          s.audit(
              "readiness-report-printed",
              all.stream().filter(Check::passed).count() + "/" + all.size() + " checks passed");
          return r;
        },
        r -> {
          show();
          status.setText(
              r instanceof PrintResult.Printed
                  ? s.t("diag.reportPrinted")
                  : s.t(
                      "diag.reportFailed",
                      r.status().blockingFault().map(s.words()::fault).orElse("")));
        },
        ex -> status.setText(s.t("diag.error", String.valueOf(ex.getMessage()))));
  }
}
