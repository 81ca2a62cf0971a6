package org.urna.kiosk.service;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Safe reset: refused with unsynced ballots and no export; confirmed twice; audited. */
final class ResetScreen {
  private final Services s;
  private final VBox root = new VBox(16);
  private final Label status = Ui.text("reset-status", "");
  private final CheckBox dropKey;
  private int confirmations;

  ResetScreen(Services s) {
    this.s = s;
    this.dropKey = new CheckBox(s.t("reset.dropKey"));
    dropKey.setId("reset-drop-key");
    dropKey.setStyle("-fx-font-size: 22px; -fx-min-height: 64px;");
    dropKey.setWrapText(true);
  }

  Node view() {
    root.setId("screen-reset");
    render();
    return root;
  }

  private void render() {
    java.nio.file.Path archive = s.resetArchive().get();
    if (archive != null) {
      // the station's files are in the archive now: only a restart is left to do
      Label done = Ui.text("reset-status", s.t("reset.done", archive));
      done.setStyle(Ui.OK_STYLE);
      root.getChildren()
          .setAll(
              Ui.heading(s.t("nav.reset")), Ui.text("reset-explain", s.t("reset.explain")), done);
      return;
    }
    SafeReset reset = new SafeReset(s.station());
    SafeReset.Verdict v = reset.check();
    String state =
        switch (v) {
          case SafeReset.Verdict.Refused r -> s.t("reset.refused", r.unsynced());
          case SafeReset.Verdict.Allowed a when a.unsynced() > 0 ->
              s.t("reset.allowedExported", a.unsynced());
          case SafeReset.Verdict.Allowed a -> s.t("reset.allowed");
        };
    Label what = Ui.text("reset-state", state);
    if (v instanceof SafeReset.Verdict.Refused) {
      what.setStyle(Ui.PROBLEM_STYLE);
    }
    Button go =
        Ui.danger(
            "reset-start",
            switch (confirmations) {
              case 0 -> s.t("reset.start");
              case 1 -> s.t("reset.sure");
              default -> s.t("reset.last");
            });
    go.setDisable(v instanceof SafeReset.Verdict.Refused);
    go.setOnAction(e -> tapped());
    Button cancel = Ui.quiet("reset-cancel", s.t("reset.cancel"));
    cancel.setOnAction(
        e -> {
          confirmations = 0;
          status.setText("");
          render();
        });
    cancel.setVisible(confirmations > 0);
    cancel.setManaged(confirmations > 0);
    root.getChildren()
        .setAll(
            Ui.heading(s.t("nav.reset")),
            Ui.text("reset-explain", s.t("reset.explain")),
            what,
            dropKey,
            go,
            cancel,
            status);
  }

  private void tapped() {
    confirmations++;
    if (confirmations < 3) {
      status.setStyle(Ui.PROBLEM_STYLE);
      status.setText(s.t("reset.warning"));
      render();
      return;
    }
    confirmations = 0;
    boolean keepKey = !dropKey.isSelected();
    s.background(
        () ->
            new SafeReset(s.station())
                .run(
                    s.context().card().role(),
                    s.context().card().subject(),
                    keepKey,
                    s.clock().instant()),
        done -> {
          s.resetArchive().set(done);
          render();
        },
        ex -> {
          render();
          status.setStyle(Ui.PROBLEM_STYLE);
          status.setText(s.t("reset.failed", String.valueOf(ex.getMessage())));
        });
  }
}
