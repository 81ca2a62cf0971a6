package org.urna.kiosk.service;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.audit.AuditEntry;

/** Logs: the audit log, newest first, a page at a time; its export, signed by the station key. */
final class LogsScreen {
  static final int PAGE = 8;

  private final Services s;
  private final VBox list = new VBox(6);
  private final Label page = Ui.text("logs-page", "");
  private final Label status = Ui.text("logs-status", "");
  private final Label chain = Ui.text("logs-chain", "");
  private List<Row> newestFirst = List.of();
  private int shown;

  LogsScreen(Services s) {
    this.s = s;
  }

  Node view() {
    VBox root = new VBox(12);
    root.setId("screen-logs");
    root.getChildren().add(Ui.heading(s.t("nav.logs")));
    Button prev = Ui.quiet("logs-newer", s.t("logs.newer"));
    Button next = Ui.quiet("logs-older", s.t("logs.older"));
    prev.setOnAction(e -> turn(-1));
    next.setOnAction(e -> turn(1));
    var box = s.station().ballotBox();
    if (box.isEmpty()) {
      root.getChildren()
          .addAll(
              Ui.text("logs-none", s.t("logs.noElection")), chain, pager(prev, next), list, status);
      loadJournal();
      return root;
    }
    FlowPane exports = new FlowPane(12, 12);
    List<Path> targets = LogExport.targets(s.config().packageFolders());
    for (int i = 0; i < targets.size(); i++) {
      Path t = targets.get(i);
      Button b = Ui.button("export-" + i, s.t("logs.exportTo", t));
      b.setOnAction(e -> export(box.get(), t));
      exports.getChildren().add(b);
    }
    if (targets.isEmpty()) {
      exports
          .getChildren()
          .add(Ui.text("logs-no-target", s.t("logs.noTarget", s.config().packageFolders())));
    }
    root.getChildren()
        .addAll(pager(prev, next), list, Ui.heading(s.t("logs.export")), exports, status);
    load(box.get());
    return root;
  }

  private HBox pager(Button prev, Button next) {
    HBox h = new HBox(12, prev, next, page);
    h.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    return h;
  }

  /** One entry as the list shows it. */
  private record Row(String id, String head, String details) {}

  private static Row row(AuditEntry e) {
    return new Row(
        "entry-" + e.seq(),
        "#"
            + e.seq()
            + "  "
            + Instant.ofEpochSecond(e.hour() * 3600).toString().substring(0, 13)
            + "h  "
            + e.role().name()
            + "  "
            + e.action(),
        e.details());
  }

  private static Row row(JournalFile.Line l) {
    return new Row(
        "journal-" + l.number(),
        "#" + l.number() + "  " + l.time() + "  " + l.role() + "  " + l.action(),
        l.details());
  }

  /** Before an election is loaded: the station's journal in its state folder, read only. */
  private void loadJournal() {
    s.background(
        () -> JournalFile.read(s.config().stateFolder()),
        j -> {
          chain.setStyle(j.brokenAt().isPresent() ? Ui.PROBLEM_STYLE : "");
          chain.setText(
              j.brokenAt().isPresent()
                  ? s.t("logs.journalBroken", j.brokenAt().getAsInt())
                  : s.t("logs.journalOk", j.lines().size()));
          newestFirst = j.lines().reversed().stream().map(LogsScreen::row).toList();
          shown = 0;
          render();
        },
        ex -> status.setText(s.t("logs.failed", String.valueOf(ex.getMessage()))));
  }

  private void load(BallotBox box) {
    s.background(
        () -> LogExport.entries(box).reversed().stream().map(LogsScreen::row).toList(),
        entries -> {
          newestFirst = entries;
          shown = 0;
          render();
        },
        ex -> status.setText(s.t("logs.failed", String.valueOf(ex.getMessage()))));
  }

  private void turn(int by) {
    int pages = Math.max(1, (newestFirst.size() + PAGE - 1) / PAGE);
    shown = Math.max(0, Math.min(pages - 1, shown + by));
    render();
  }

  private void render() {
    int pages = Math.max(1, (newestFirst.size() + PAGE - 1) / PAGE);
    page.setText(s.t("logs.pageOf", shown + 1, pages, newestFirst.size()));
    list.getChildren().clear();
    for (Row e :
        newestFirst.subList(shown * PAGE, Math.min(newestFirst.size(), (shown + 1) * PAGE))) {
      Label l =
          Ui.text(e.id(), e.head() + (e.details().isEmpty() ? "" : "\n" + shorten(e.details())));
      l.setPadding(new Insets(6, 10, 6, 10));
      l.setStyle("-fx-background-color: white; -fx-background-radius: 6; -fx-font-size: 20px;");
      list.getChildren().add(l);
    }
  }

  private static String shorten(String s) {
    return s.length() <= 160 ? s : s.substring(0, 157) + "...";
  }

  private void export(BallotBox box, Path folder) {
    status.setStyle("");
    status.setText(s.t("logs.exporting"));
    s.background(
        () -> {
          var key = s.keys().signingKey();
          if (key.isEmpty()) {
            throw new IllegalStateException(s.t("logs.noKey"));
          }
          Instant now = s.clock().instant();
          LogExport.Written w =
              LogExport.write(box, s.config().stationId(), key.get(), folder, now);
          s.audit("audit-log-exported", w.entries() + " entries to " + folder);
          LogExport.remember(s.config().stateFolder(), w.lastSeq(), folder, now);
          return w;
        },
        w -> {
          status.setStyle(Ui.OK_STYLE);
          status.setText(
              s.t(
                  "logs.exported",
                  w.entries(),
                  w.jsonLines().getFileName(),
                  w.nistXml().getFileName(),
                  folder));
          load(box);
        },
        ex -> {
          status.setStyle(Ui.PROBLEM_STYLE);
          status.setText(s.t("logs.failed", String.valueOf(ex.getMessage())));
        });
  }
}
