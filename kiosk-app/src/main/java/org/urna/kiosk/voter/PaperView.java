package org.urna.kiosk.voter;

import static org.urna.kiosk.ui.KioskControls.column;
import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.list;
import static org.urna.kiosk.ui.KioskControls.scroll;
import static org.urna.kiosk.ui.KioskControls.text;
import static org.urna.kiosk.ui.KioskControls.wideButton;

import javafx.scene.Node;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;

/** Printing, check-and-decide, recording, and the fault screens. */
final class PaperView {
  private PaperView() {}

  static Node build(PaperViewModel vm, KioskViewModel kiosk) {
    VBox body = list(heading(vm.title()), text(vm.body()));
    if (!vm.detail().isEmpty()) {
      body.getChildren().add(text(vm.detail(), "notice"));
    }
    if (vm.busy()) {
      ProgressIndicator p = new ProgressIndicator();
      p.setId("busy");
      body.getChildren().add(p);
    }
    for (PaperViewModel.Action a : vm.actions()) {
      String label = a.hint().isEmpty() ? a.label() : a.label() + "\n" + a.hint();
      var button =
          wideButton(
              a.id(),
              label,
              () -> run(a.id(), kiosk),
              a.id().equals("cast") ? new String[] {"action", "primary"} : new String[] {"action"});
      button.setDisable(a.locked());
      body.getChildren().add(button);
    }
    VBox v = column(scroll(body));
    v.setId("screen-" + vm.stage().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    return v;
  }

  private static void run(String action, KioskViewModel kiosk) {
    VoterSession s = kiosk.session();
    switch (action) {
      case "cast" -> s.cast();
      case "challenge" -> s.challenge();
      case "retry" -> s.retryByPollWorker();
      case "end" -> s.endByPollWorker();
      default -> throw new IllegalArgumentException("unknown action " + action);
    }
  }
}
