package org.urna.kiosk.voter;

import static org.urna.kiosk.ui.KioskControls.button;
import static org.urna.kiosk.ui.KioskControls.text;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.layout.FlowPane;

/** Language, text size and contrast, on every voter screen; wraps to a second row when needed. */
final class SettingsBar {
  private SettingsBar() {}

  static Node build(SettingsViewModel vm, KioskViewModel kiosk) {
    FlowPane bar = new FlowPane();
    bar.getStyleClass().add("settings-bar");
    bar.setAlignment(Pos.CENTER_LEFT);
    bar.setId("settings-bar");
    for (LanguageViewModel.Option o : vm.languages()) {
      bar.getChildren()
          .add(
              button(
                  "lang-" + o.code(),
                  (o.chosen() ? "✓ " : "") + o.name(),
                  () -> kiosk.chooseLanguage(o.code()),
                  o.chosen() ? "chosen-language" : "language"));
    }
    Button smaller = button("text-smaller", vm.smallerLabel(), kiosk::smallerText);
    smaller.setDisable(vm.textSize() == 1);
    Button larger = button("text-larger", vm.largerLabel(), kiosk::largerText);
    larger.setDisable(vm.textSize() == SettingsViewModel.SIZES);
    bar.getChildren()
        .addAll(
            smaller,
            larger,
            text(vm.sizeText()),
            button("contrast", vm.contrastLabel(), kiosk::toggleContrast));
    return bar;
  }
}
