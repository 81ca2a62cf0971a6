package org.urna.kiosk.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javafx.scene.text.Font;

/**
 * Loads the bundled DejaVu Sans (regular and bold) before any scene is built: one font that covers
 * every script of the election, so JavaFX never goes hunting for fallback fonts.
 */
public final class KioskFonts {
  public static final String FAMILY = "DejaVu Sans";
  private static volatile boolean loaded;

  private KioskFonts() {}

  public static synchronized void load() {
    if (loaded) {
      return;
    }
    for (String file : new String[] {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"}) {
      try (InputStream in = KioskFonts.class.getResourceAsStream("/org/urna/kiosk/fonts/" + file)) {
        if (in == null || Font.loadFont(in, 20) == null) {
          throw new IllegalStateException("the bundled font " + file + " could not be loaded");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    loaded = true;
  }
}
