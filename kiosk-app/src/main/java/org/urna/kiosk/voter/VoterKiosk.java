package org.urna.kiosk.voter;

import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.urna.kiosk.station.VoterActivation;
import org.urna.kiosk.ui.KioskFonts;
import org.urna.kiosk.ui.ScreenGeometry;

/**
 * Builds the voter's kiosk on the FX thread: font first, then the view-model and the shell;
 * activation requests are posted to the FX thread. What the demo and the tests start: put {@link
 * #root()} in a scene, then {@link #attach(Scene)}.
 */
public final class VoterKiosk {
  private final KioskViewModel viewModel;
  private final VoterShell shell;

  public VoterKiosk(KioskSetup setup, VoterActivation activation) {
    this(setup, activation, ScreenGeometry.configured());
  }

  /** A kiosk on a screen of this size and resolution (its text sizes are set in millimetres). */
  public VoterKiosk(KioskSetup setup, VoterActivation activation, ScreenGeometry screen) {
    KioskFonts.load();
    this.viewModel = new KioskViewModel(setup);
    this.shell = new VoterShell(viewModel, screen);
    activation.onActivate(style -> Platform.runLater(() -> viewModel.activate(style)));
  }

  public Parent root() {
    return shell.root();
  }

  public void attach(Scene scene) {
    shell.attach(scene);
    shell.render();
  }

  public KioskViewModel viewModel() {
    return viewModel;
  }
}
