package org.urna.kiosk.service;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.urna.kiosk.config.ConfigProblem;

/** Configuration: the technician's settings, each problem shown under its field. */
final class ConfigScreen {
  private final Services s;
  private final ConfigForm form;
  private final Map<String, TextField> fields = new LinkedHashMap<>();
  private final Map<String, Label> problems = new LinkedHashMap<>();
  private final Label status = Ui.text("config-status", "");

  ConfigScreen(Services s) {
    this.s = s;
    this.form = new ConfigForm(s.configFile());
  }

  Node view() {
    VBox root = new VBox(12);
    root.setId("screen-config");
    GridPane grid = new GridPane();
    grid.setHgap(16);
    grid.setVgap(4);
    Map<String, String> current;
    try {
      current = form.current();
    } catch (java.io.IOException e) {
      return new VBox(
          Ui.heading(s.t("nav.config")),
          Ui.text("config-status", s.t("config.unreadable", form.file(), e.getMessage())));
    }
    int row = 0;
    for (String key : ConfigForm.FIELDS) {
      Label name = new Label(s.t("config.field." + key));
      name.setWrapText(true);
      name.setMinWidth(280);
      name.setMaxWidth(320);
      TextField f = new TextField(current.get(key));
      f.setId("field-" + key.replace('.', '-'));
      f.setPrefColumnCount(28);
      f.setStyle("-fx-font-size: 22px; -fx-min-height: 60px;");
      Label p = Ui.text("problem-" + key.replace('.', '-'), "");
      p.setStyle(Ui.PROBLEM_STYLE);
      p.setManaged(false);
      p.setVisible(false);
      fields.put(key, f);
      problems.put(key, p);
      grid.add(name, 0, row);
      grid.add(f, 1, row++);
      grid.add(p, 1, row++);
    }
    Button save = Ui.button("config-save", s.t("config.save"));
    save.setOnAction(e -> save());
    root.getChildren()
        .addAll(
            Ui.heading(s.t("nav.config")),
            Ui.text("config-file", s.t("config.file", form.file())),
            grid,
            save,
            status);
    return root;
  }

  private void save() {
    Map<String, String> edits = new LinkedHashMap<>();
    fields.forEach((k, f) -> edits.put(k, f.getText()));
    problems.values().forEach(p -> show(p, null));
    status.setStyle("");
    status.setText(s.t("config.checking"));
    s.background(
        () -> {
          ConfigForm.Outcome o = form.save(edits);
          if (o instanceof ConfigForm.Outcome.Saved saved && !saved.changed().isEmpty()) {
            StringBuilder d = new StringBuilder();
            saved
                .changed()
                .forEach(
                    (k, v) ->
                        d.append(d.isEmpty() ? "" : "; ")
                            .append(k)
                            .append(": '")
                            .append(v[0])
                            .append("' -> '")
                            .append(v[1])
                            .append("'"));
            s.audit("config-changed", d.length() > 900 ? d.substring(0, 900) : d.toString());
          }
          return o;
        },
        o -> {
          switch (o) {
            case ConfigForm.Outcome.Saved saved -> {
              status.setStyle(Ui.OK_STYLE);
              status.setText(
                  saved.changed().isEmpty()
                      ? s.t("config.unchanged")
                      : s.t("config.saved", saved.changed().size()));
            }
            case ConfigForm.Outcome.Refused refused -> {
              StringBuilder other = new StringBuilder();
              for (ConfigProblem p : refused.problems()) {
                Label l = problems.get(p.key());
                if (l != null) {
                  show(l, (l.isVisible() ? l.getText() + "\n" : "") + p.message());
                } else {
                  other.append("\n").append(p.key()).append(": ").append(p.message());
                }
              }
              status.setStyle(Ui.PROBLEM_STYLE);
              status.setText(s.t("config.refused", refused.problems().size()) + other);
            }
          }
        },
        ex -> {
          status.setStyle(Ui.PROBLEM_STYLE);
          status.setText(s.t("config.failed", String.valueOf(ex.getMessage())));
        });
  }

  private static void show(Label l, String text) {
    l.setText(text == null ? "" : text);
    l.setVisible(text != null);
    l.setManaged(text != null);
  }
}
