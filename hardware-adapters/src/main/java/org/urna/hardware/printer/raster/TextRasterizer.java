package org.urna.hardware.printer.raster;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.urna.hardware.printer.PaperBlock.Align;
import org.urna.hardware.printer.PaperBlock.Text;
import org.urna.hardware.printer.PaperBlock.TextSize;

/**
 * Draws a paragraph with the bundled font as a one-bit image as wide as the paper: the way text in
 * a script that no printer code page holds reaches the paper.
 */
public final class TextRasterizer {

  /** Left and right margin: 24 dots, 3 mm at 203 dpi. */
  public static final int MARGIN_DOTS = 24;

  private final int widthDots;

  public TextRasterizer(int widthDots) {
    if (widthDots < 64 || widthDots % 8 != 0) {
      throw new IllegalArgumentException("Paper width must be a multiple of 8 dots, at least 64");
    }
    this.widthDots = widthDots;
  }

  /**
   * Font size in dots for each text size. At 203 dpi, 32 dots are 4.0 mm, about 11 pt: printed text
   * stays at 10 pt or more.
   */
  public static float pixelSize(TextSize size) {
    return switch (size) {
      case NORMAL -> 32f;
      case LARGE -> 46f;
      case HUGE -> 96f;
    };
  }

  public BitImage render(Text text) {
    int margin = MARGIN_DOTS;
    // A glyph's ink may reach a dot or two past its advance: keep it clear of the right margin.
    int lineWidth = widthDots - 2 * margin - 2;
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D sg = scratch.createGraphics();
    // Measure with the hints the text is drawn with, or widths and ink disagree.
    sg.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    sg.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    // Step down from the asked size until the longest word fits a line (a banner in a long
    // language must not break inside a word).
    TextSize size = text.size();
    Font font = PrinterFonts.sans(text.bold(), pixelSize(size));
    FontMetrics metrics = sg.getFontMetrics(font);
    while (size != TextSize.NORMAL && longestWord(text.text(), metrics) > lineWidth) {
      size = TextSize.values()[size.ordinal() - 1];
      font = PrinterFonts.sans(text.bold(), pixelSize(size));
      metrics = sg.getFontMetrics(font);
    }
    sg.dispose();
    List<String> lines = wrap(text.text(), metrics, lineWidth);
    int lineHeight = metrics.getAscent() + metrics.getDescent() + 4;
    int height = lines.size() * lineHeight;

    BufferedImage img = new BufferedImage(widthDots, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, widthDots, height);
    if (text.reverse()) {
      g.setColor(Color.BLACK);
      g.fillRect(margin, 0, widthDots - 2 * margin, height);
    }
    g.setColor(text.reverse() ? Color.WHITE : Color.BLACK);
    g.setFont(font);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int w = metrics.stringWidth(line);
      int x = text.align() == Align.CENTER ? Math.max(margin, (widthDots - w) / 2) : margin;
      g.drawString(line, x, i * lineHeight + 2 + metrics.getAscent());
    }
    g.dispose();
    return BitImage.of(img);
  }

  /** A horizontal rule between the margins, 2 dots thick in a 24-dot band. */
  public static BitImage rule(int widthDots) {
    int widthBytes = widthDots / 8;
    byte[] data = new byte[widthBytes * 24];
    for (int y = 11; y <= 12; y++) {
      for (int x = MARGIN_DOTS; x < widthDots - MARGIN_DOTS; x++) {
        data[y * widthBytes + x / 8] |= (byte) (0x80 >>> (x % 8));
      }
    }
    return new BitImage(widthBytes, 24, data);
  }

  private static int longestWord(String text, FontMetrics metrics) {
    int longest = 0;
    for (String word : text.split("[ \\n]+")) {
      longest = Math.max(longest, metrics.stringWidth(word));
    }
    return longest;
  }

  /** Breaks at spaces (and at explicit newlines); a word wider than the paper is split. */
  static List<String> wrap(String text, FontMetrics metrics, int maxWidth) {
    List<String> out = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" +")) {
        if (word.isEmpty()) {
          continue;
        }
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (metrics.stringWidth(candidate) <= maxWidth) {
          line.setLength(0);
          line.append(candidate);
          continue;
        }
        if (!line.isEmpty()) {
          out.add(line.toString());
          line.setLength(0);
        }
        String rest = word;
        while (metrics.stringWidth(rest) > maxWidth) {
          int cut = rest.length() - 1;
          while (cut > 1 && metrics.stringWidth(rest.substring(0, cut)) > maxWidth) {
            cut--;
          }
          out.add(rest.substring(0, cut));
          rest = rest.substring(cut);
        }
        line.append(rest);
      }
      out.add(line.toString());
    }
    return out;
  }
}
