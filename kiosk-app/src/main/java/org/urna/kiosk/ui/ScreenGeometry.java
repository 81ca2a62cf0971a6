package org.urna.kiosk.ui;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kiosk's screen as configured: its resolution and its diagonal in inches, hence its pixels per
 * millimetre. From these come the font sizes of the four text sizes, as capital heights in
 * millimetres (VVSG 2.0: 3.5–4.2, 4.8–5.6, 6.4–7.1, 8.5–9.0 mm), and the smallest font in pixels
 * that still gives 3.5 mm capitals (decision 0322). The bundled DejaVu Sans has capitals 0.729 em
 * high (1493 of 2048 units).
 *
 * <p>Written as {@code WIDTHxHEIGHT@DIAGONAL}, e.g. {@code 1280x1024@17} (the default: a 17-inch
 * 5:4 kiosk screen, 96 px per inch); the system property {@value #PROPERTY} sets it.
 */
public record ScreenGeometry(int widthPx, int heightPx, double diagonalInches) {
  public static final String PROPERTY = "urna.kiosk.screen";
  public static final ScreenGeometry DEFAULT = new ScreenGeometry(1280, 1024, 17.0);

  /** Capital height of DejaVu Sans, in em. */
  public static final double CAP_HEIGHT_EM = 1493.0 / 2048.0;

  /** VVSG 2.0 5.1-F: the smallest capital height of any text a voter reads. */
  public static final double MIN_CAP_MM = 3.5;

  /** The capital heights of text sizes 1..4, each inside its VVSG range. */
  private static final double[] CAP_MM = {4.0, 5.2, 6.7, 8.7};

  private static final Pattern FORM =
      Pattern.compile("(\\d{3,5})x(\\d{3,5})@(\\d{1,3}(?:\\.\\d{1,2})?)(?:in)?");

  public ScreenGeometry {
    if (widthPx < 320 || heightPx < 240 || widthPx > 16384 || heightPx > 16384) {
      throw new IllegalArgumentException(
          "a kiosk screen of " + widthPx + "x" + heightPx + " px is not plausible");
    }
    if (!(diagonalInches >= 7 && diagonalInches <= 100)) {
      throw new IllegalArgumentException(
          "a kiosk screen diagonal of " + diagonalInches + " inches is not plausible (7 to 100)");
    }
  }

  /** Parses {@code 1280x1024@17} (or {@code 1920x1080@15.6in}). */
  public static ScreenGeometry parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "a screen is written WIDTHxHEIGHT@DIAGONAL_INCHES, e.g. 1280x1024@17, not '"
              + text
              + "'");
    }
    return new ScreenGeometry(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Double.parseDouble(m.group(3)));
  }

  /** The screen set by the system property {@value #PROPERTY}, else {@link #DEFAULT}. */
  public static ScreenGeometry configured() {
    String p = System.getProperty(PROPERTY);
    return p == null || p.isBlank() ? DEFAULT : parse(p);
  }

  public double pxPerMm() {
    return Math.hypot(widthPx, heightPx) / diagonalInches / 25.4;
  }

  /** The capital height in millimetres of DejaVu Sans at {@code fontPx}. */
  public double capMm(double fontPx) {
    return fontPx * CAP_HEIGHT_EM / pxPerMm();
  }

  /** The smallest font size (px) whose capitals are 3.5 mm high on this screen. */
  public double minFontPx() {
    return MIN_CAP_MM * pxPerMm() / CAP_HEIGHT_EM;
  }

  /** The font size (px) of text size {@code size} (1..4). */
  public int fontPx(int size) {
    return (int) Math.ceil(CAP_MM[size - 1] * pxPerMm() / CAP_HEIGHT_EM);
  }

  /** The settings bar's font: smaller than the page's at large sizes, never under the minimum. */
  public int settingsFontPx(int size) {
    return Math.max((int) Math.ceil(minFontPx() + 0.5), (int) Math.round(0.72 * fontPx(size)));
  }
}
