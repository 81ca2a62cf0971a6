package org.urna.hardware.printer.raster;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The fonts bundled with the printer code (DejaVu, which covers Latin, Cyrillic and the extra
 * letters of Kazakh, Tatar and other languages). Loaded once; no system font is ever used.
 */
public final class PrinterFonts {

  private static final Font SANS = load("DejaVuSans.ttf");
  private static final Font SANS_BOLD = load("DejaVuSans-Bold.ttf");
  private static final Font MONO = load("DejaVuSansMono.ttf");
  private static final Font MONO_BOLD = load("DejaVuSansMono-Bold.ttf");

  private PrinterFonts() {}

  /** The proportional face for raster text. */
  public static Font sans(boolean bold, float pixelSize) {
    return (bold ? SANS_BOLD : SANS).deriveFont(pixelSize);
  }

  /** The fixed-width face the emulator draws the printer's own characters with. */
  public static Font mono(boolean bold, float pixelSize) {
    return (bold ? MONO_BOLD : MONO).deriveFont(pixelSize);
  }

  private static Font load(String file) {
    String resource = "/org/urna/hardware/printer/font/" + file;
    try (InputStream in = PrinterFonts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Bundled font missing: " + resource);
      }
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read bundled font " + resource, e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("Bundled font is damaged: " + resource, e);
    }
  }
}
