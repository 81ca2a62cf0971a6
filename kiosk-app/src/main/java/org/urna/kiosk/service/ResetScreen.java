package org.urna.kiosk.service;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import org.urna.core.station.StationLifecycleEvent.ResetReason;

/**
 * Safe reset: refused with unsynced ballots or events and no export; the technician picks why;
 * confirmed twice; a signed reset event on the ledger before the box is archived (decision 0349).
 */
final class ResetScreen {
  private final Services s;
  private final VBox root = new VBox(16);
  private final Label status = Ui.text("reset-status", "");
  private final CheckBox dropKey;
  private final ToggleGroup reasons = new ToggleGroup();
  private ResetReason reason;
  private int confirmations;
  private SafeReset.Done lastDone;

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
      String how =
          lastDone == null || lastDone.event().isEmpty()
              ? ""
              : " "
                  + (lastDone.onLedger()
                      ? s.t("reset.onLedger", lastDone.event().get().sequence())
                      : s.t("reset.inExport", lastDone.event().get().sequence()));
      Label done = Ui.text("reset-status", s.t("reset.done", archive) + how);
      done.setStyle(Ui.OK_STYLE);
      root.getChildren()
          .setAll(
              Ui.heading(s.t("nav.reset")), Ui.text("reset-explain", s.t("reset.explain")), done);
      return;
    }
    SafeReset reset = reset();
    SafeReset.Verdict v = reset.check();
    String state =
        switch (v) {
          case SafeReset.Verdict.Refused r -> s.t("reset.refusedEvents", r.unsynced(), r.events());
          case SafeReset.Verdict.Allowed a when a.unsynced() + a.events() > 0 ->
              s.t("reset.allowedExported", a.unsynced() + a.events());
          case SafeReset.Verdict.Allowed a -> s.t("reset.allowed");
        };
    Optional<org.urna.core.station.StationLifecycleEvent> pending =
        switch (v) {
          case SafeReset.Verdict.Refused r -> r.pending();
          case SafeReset.Verdict.Allowed a -> a.pending();
        };
    if (pending.isPresent()) {
      state = s.t("reset.pending", pending.get().sequence()) + " " + state;
    }
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
    VBox why = new VBox(8, Ui.text("reset-reason-label", s.t("reset.reason")));
    if (reason == null) {
      reason = pending.flatMap(e -> e.resetReason()).orElse(reset.suggestedReason());
    }
    for (ResetReason r : ResetReason.values()) {
      RadioButton b = new RadioButton(s.t("reset.reason." + r.name()));
      b.setId("reset-reason-" + r.name());
      b.setToggleGroup(reasons);
      b.setStyle("-fx-font-size: 22px; -fx-min-height: 64px;");
      b.setWrapText(true);
      b.setSelected(r == reason);
      // a queued reset keeps the reason it was signed with
      b.setDisable(pending.isPresent());
      b.setOnAction(e -> reason = r);
      why.getChildren().add(b);
    }
    root.getChildren()
        .setAll(
            Ui.heading(s.t("nav.reset")),
            Ui.text("reset-explain", s.t("reset.explain")),
            what,
            why,
            dropKey,
            go,
            cancel,
            status);
  }

  private SafeReset reset() {
    return new SafeReset(s.station(), () -> s.keys().signingKey(), SafeReset.LEDGER_PATIENCE);
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
    ResetReason why = reason;
    status.setStyle("");
    status.setText(s.t("reset.working"));
    s.background(
        () ->
            reset()
                .run(
                    s.context().card().role(),
                    s.context().card().subject(),
                    keepKey,
                    why,
                    s.clock().instant()),
        done -> {
          s.resetArchive().set(done.archive());
          lastDone = done;
          render();
        },
        ex -> {
          render();
          status.setStyle(Ui.PROBLEM_STYLE);
          status.setText(
              ex instanceof SafeReset.ResetPending p
                  ? s.t("reset.notConfirmed", p.event().sequence(), p.unsynced())
                  : s.t("reset.failed", String.valueOf(ex.getMessage())));
        });
  }
}
