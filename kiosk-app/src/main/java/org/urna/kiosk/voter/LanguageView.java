package org.urna.kiosk.voter;

import static org.urna.kiosk.ui.KioskControls.column;
import static org.urna.kiosk.ui.KioskControls.heading;
import static org.urna.kiosk.ui.KioskControls.list;
import static org.urna.kiosk.ui.KioskControls.navBar;
import static org.urna.kiosk.ui.KioskControls.scroll;
import static org.urna.kiosk.ui.KioskControls.text;
import static org.urna.kiosk.ui.KioskControls.wideButton;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.VBox;

/** The language screen: a large button per language of the election. */
final class LanguageView {
  private LanguageView() {}

  static Node build(LanguageViewModel vm, KioskViewModel kiosk) {
    VBox options = list();
    for (LanguageViewModel.Option o : vm.languages()) {
      options
          .getChildren()
          .add(
              wideButton(
                  "choose-" + o.code(),
                  (o.chosen() ? "✓ " : "") + o.name(),
                  () -> kiosk.chooseLanguage(o.code()),
                  o.chosen() ? "chosen-language" : "language"));
    }
    Button start = wideButton("start", vm.startLabel(), () -> kiosk.session().start(), "primary");
    VBox v =
        column(heading(vm.title()), scroll(list(text(vm.body()), options)), navBar(null, start));
    v.setId("screen-language");
    return v;
  }
}
