package org.urna.hardware.printer.emulator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import org.urna.hardware.printer.raster.BitImage;
import org.urna.hardware.printer.raster.PrinterFonts;

/**
 * The paper roll the emulator prints on: black dots on white, as wide as the model's print head,
 * growing downwards. Cut marks and the end of paper are drawn in grey and red, so they are never
 * mistaken for print.
 */
final class PaperCanvas {

  static final int CELL_WIDTH = 12;
  static final int CELL_HEIGHT = 24;
  private static final int MARGIN = 16;

  /** About 6 m of paper at 8 dots a millimetre. */
  private static final int ROLL_DOTS = 48_000;

  /** One character cell waiting in the line buffer. */
  record Glyph(char c, int width, int height, boolean bold, boolean reverse) {}

  private final int width;
  private BufferedImage image;
  private int y = MARGIN;
  private boolean rollUsedUp;
  private final java.util.Map<Integer, Font> fonts = new java.util.HashMap<>();

  PaperCanvas(int widthDots) {
    this.width = widthDots;
    this.image = blank(512);
  }

  int widthDots() {
    return width;
  }

  /** Prints one line of glyphs; returns the line's height in dots. */
  int printLine(List<Glyph> glyphs, int justify, int spacing, int left, int area) {
    int lineWidth = glyphs.stream().mapToInt(g -> g.width() * CELL_WIDTH).sum();
    int tallest = glyphs.stream().mapToInt(g -> g.height() * CELL_HEIGHT).max().orElse(CELL_HEIGHT);
    int advance = Math.max(tallest + (spacing - CELL_HEIGHT), tallest);
    if (!ensure(advance)) {
      return 0;
    }
    Graphics2D g = graphics();
    int x = left + offsetIn(area, lineWidth, justify);
    for (Glyph glyph : glyphs) {
      int cw = glyph.width() * CELL_WIDTH;
      int ch = glyph.height() * CELL_HEIGHT;
      int top = y + tallest - ch;
      if (glyph.reverse()) {
        g.setColor(Color.BLACK);
        g.fillRect(x, top, cw, ch);
      }
      g.setColor(glyph.reverse() ? Color.WHITE : Color.BLACK);
      g.setFont(font(glyph));
      g.drawString(String.valueOf(glyph.c()), x, top + ch - 5 * glyph.height());
      x += cw;
    }
    g.dispose();
    y += advance;
    return advance;
  }

  void printRaster(BitImage raster, int justify) {
    if (!ensure(raster.height())) {
      return;
    }
    int x0 = offset(Math.min(raster.widthDots(), width), justify);
    for (int row = 0; row < raster.height(); row++) {
      for (int col = 0; col < raster.widthDots() && x0 + col < width; col++) {
        if (raster.isBlack(col, row)) {
          image.setRGB(x0 + col, y + row, 0xff000000);
        }
      }
    }
    y += raster.height();
  }

  void feed(int dots) {
    if (ensure(dots)) {
      y += dots;
    }
  }

  void cutMark(boolean partial) {
    if (!ensure(24)) {
      return;
    }
    Graphics2D g = graphics();
    g.setColor(new Color(0x90, 0x90, 0x90));
    g.setStroke(
        new BasicStroke(2, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {8, 6}, 0));
    g.drawLine(0, y + 12, partial ? width - 24 : width, y + 12);
    g.dispose();
    y += 24;
  }

  void paperEndMark() {
    if (!ensure(12)) {
      return;
    }
    Graphics2D g = graphics();
    g.setColor(new Color(0xd0, 0x20, 0x20));
    g.fillRect(0, y + 4, width, 4);
    g.dispose();
    y += 12;
  }

  /** The printed part of the roll. */
  BufferedImage snapshot() {
    int h = Math.min(image.getHeight(), y + MARGIN);
    BufferedImage out = new BufferedImage(width, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return out;
  }

  /** The character generator's face at a size, made once per size and weight. */
  private Font font(Glyph glyph) {
    int key = (glyph.bold() ? 100 : 0) + glyph.width() * 10 + glyph.height();
    return fonts.computeIfAbsent(
        key,
        k ->
            PrinterFonts.mono(glyph.bold(), 20f)
                .deriveFont(AffineTransform.getScaleInstance(glyph.width(), glyph.height())));
  }

  private int offset(int contentWidth, int justify) {
    return offsetIn(width, contentWidth, justify);
  }

  private static int offsetIn(int area, int contentWidth, int justify) {
    return switch (justify) {
      case 1 -> Math.max(0, (area - contentWidth) / 2);
      case 2 -> Math.max(0, area - contentWidth);
      default -> 0;
    };
  }

  private Graphics2D graphics() {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    return g;
  }

  /** Whether the roll has run to its end (the emulator then reports paper out). */
  boolean rollUsedUp() {
    return rollUsedUp;
  }

  private boolean ensure(int more) {
    if (y + more + MARGIN <= image.getHeight()) {
      return true;
    }
    if (y + more + MARGIN > ROLL_DOTS) {
      rollUsedUp = true;
      return false;
    }
    BufferedImage bigger = blank(Math.max(image.getHeight() * 2, y + more + MARGIN + 1024));
    Graphics2D g = bigger.createGraphics();
    g.drawImage(image, 0, 0, null);
    g.dispose();
    image = bigger;
    return true;
  }

  private BufferedImage blank(int height) {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.dispose();
    return img;
  }
}
