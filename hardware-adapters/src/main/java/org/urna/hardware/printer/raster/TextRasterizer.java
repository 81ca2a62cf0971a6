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
    int margin = 4;
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D sg = scratch.createGraphics();
    // Step down from the asked size until the longest word fits a line (a banner in a long
    // language must not break inside a word).
    TextSize size = text.size();
    Font font = PrinterFonts.sans(text.bold(), pixelSize(size));
    FontMetrics metrics = sg.getFontMetrics(font);
    while (size != TextSize.NORMAL && longestWord(text.text(), metrics) > widthDots - 2 * margin) {
      size = TextSize.values()[size.ordinal() - 1];
      font = PrinterFonts.sans(text.bold(), pixelSize(size));
      metrics = sg.getFontMetrics(font);
    }
    sg.dispose();
    List<String> lines = wrap(text.text(), metrics, widthDots - 2 * margin);
    int lineHeight = metrics.getAscent() + metrics.getDescent() + 4;
    int height = lines.size() * lineHeight;

    BufferedImage img = new BufferedImage(widthDots, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
    g.setRenderingHint(
        RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setColor(text.reverse() ? Color.BLACK : Color.WHITE);
    g.fillRect(0, 0, widthDots, height);
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
