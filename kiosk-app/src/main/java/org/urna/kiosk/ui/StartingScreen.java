package org.urna.kiosk.ui;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * What the station's window shows from its first frame until the station is open (decision 0348):
 * one line saying the station is starting, nothing to tap. The station's screens replace it once
 * the devices, the state folder and the ballot box are open; until then no voter and no poll worker
 * can do anything. Its words come from the operator bundle without ICU, so showing it costs the
 * toolkit and one label.
 */
public final class StartingScreen {
  private StartingScreen() {}

  /** The starting screen in {@code language} (English where the kiosk has no words for it). */
  public static Parent of(String language) {
    // a Text, not a Label: no control, so the first frame does not wait for the controls'
    // stylesheet
    Text line = new Text(words(language));
    line.setId("station-starting");
    line.setFont(Font.font(KioskFonts.FAMILY, 36));
    StackPane root = new StackPane(line);
    root.setAlignment(Pos.CENTER);
    root.setStyle("-fx-background-color: white;");
    return root;
  }

  static String words(String language) {
    ResourceBundle.Control control =
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    String bundle = "org.urna.kiosk.i18n.operator";
    ResourceBundle words;
    try {
      words = ResourceBundle.getBundle(bundle, Locale.forLanguageTag(language), control);
    } catch (MissingResourceException e) {
      words = ResourceBundle.getBundle(bundle, Locale.ENGLISH, control);
    }
    return words.getString("station.starting");
  }

  /**
   * Runs {@code then} on the FX thread once {@code scene} has laid out its first frame (the frame
   * is then handed to the renderer; work done in {@code then} no longer holds it back).
   */
  public static void afterFirstFrame(Scene scene, Runnable then) {
    Runnable[] listener = new Runnable[1];
    listener[0] =
        () -> {
          if (listener[0] == null) {
            return;
          }
          Runnable self = listener[0];
          listener[0] = null;
          javafx.application.Platform.runLater(
              () -> {
                scene.removePostLayoutPulseListener(self);
                then.run();
              });
        };
    scene.addPostLayoutPulseListener(listener[0]);
  }
}
