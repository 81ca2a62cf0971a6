package org.urna.tally.record;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;

/**
 * The results report as one PNG per language, for a notice board, a slide or a message where an
 * HTML page does not go: the same facts as {@link ResultsReport#html} (verified or not, a bar chart
 * per contest, ballots per station, the election fingerprint, the final checkpoint), drawn with
 * Java 2D in DejaVu Sans, which the project ships, so Cyrillic and Tatar letters look the same on
 * every machine whatever fonts it has installed.
 */
public final class ResultsPicture {
  /** The bars' colour: {@code #2b6cb0}, the same as the HTML page's. */
  public static final Color BAR = new Color(0x2b, 0x6c, 0xb0);

  /** Width of the picture in pixels. */
  public static final int WIDTH = 1200;

  /** The length of the longest bar of a contest, in pixels. */
  public static final int BAR_LENGTH = 560;

  private static final int MARGIN = 40;
  private static final int LABEL_WIDTH = 440;
  private static final int ROW = 40;
  private static final Color TEXT = new Color(0x11, 0x11, 0x11);
  private static final Color OK = new Color(0x05, 0x62, 0x0b);
  private static final Color BAD = new Color(0xaa, 0x00, 0x00);
  private static final Font REGULAR = font("DejaVuSans.ttf");
  private static final Font BOLD = font("DejaVuSans-Bold.ttf");
  private static final Font SMALL = REGULAR.deriveFont(17f);
  private static final Graphics2D SCRATCH =
      new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();

  private ResultsPicture() {}

  /** The PNG for {@code language} (one of the election's languages). */
  public static byte[] png(ElectionRecordVerifier.Summary s, String language) {
    List<Line> lines = layout(s, language);
    int height = MARGIN;
    for (Line l : lines) {
      height += l.height();
    }
    height += MARGIN;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, height);
      int y = MARGIN;
      for (Line l : lines) {
        l.draw(g, y);
        y += l.height();
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static List<Line> layout(ElectionRecordVerifier.Summary s, String language) {
    ElectionManifest m = s.manifest();
    Map<String, String> w = ResultsReport.words(language);
    List<Line> lines = new ArrayList<>();
    lines.add(text(ResultsReport.title(m, language), BOLD.deriveFont(34f), TEXT, 56));
    lines.add(
        text(
            w.get(s.verified() ? "verified" : "failed"),
            (s.verified() ? REGULAR : BOLD).deriveFont(20f),
            s.verified() ? OK : BAD,
            44));
    lines.add(gap(12));
    lines.add(text(w.get("results"), BOLD.deriveFont(28f), TEXT, 48));
    for (Contest c : m.contests()) {
      lines.add(text(ResultsReport.contestTitle(c, language), BOLD.deriveFont(22f), TEXT, 40));
      long max = 1;
      for (String id : c.selectionIds()) {
        max = Math.max(max, s.counts().getOrDefault(c.id() + "/" + id, 0L));
      }
      for (String id : c.selectionIds()) {
        long n = s.counts().getOrDefault(c.id() + "/" + id, 0L);
        lines.add(
            bar(
                ResultsReport.selectionName(c, id, language),
                n == 0 ? 0 : Math.max(1, (int) Math.round(BAR_LENGTH * (double) n / max)),
                ResultsReport.votes(n, language)));
      }
      lines.add(gap(12));
    }
    lines.add(text(w.get("turnout"), BOLD.deriveFont(28f), TEXT, 48));
    lines.add(columns(w.get("station"), w.get("cast"), w.get("challenged"), BOLD.deriveFont(18f)));
    for (Map.Entry<String, long[]> e : s.stations().entrySet()) {
      lines.add(
          columns(
              ResultsReport.stationName(m, e.getKey(), language) + " (" + e.getKey() + ")",
              Long.toString(e.getValue()[0]),
              Long.toString(e.getValue()[1]),
              REGULAR.deriveFont(18f)));
    }
    lines.add(gap(12));
    lines.add(text(w.get("fingerprint"), BOLD.deriveFont(22f), TEXT, 40));
    lines.add(text(HexFormat.of().formatHex(s.fingerprint()), SMALL, TEXT, 32));
    lines.add(gap(8));
    lines.add(text(w.get("checkpoint"), BOLD.deriveFont(22f), TEXT, 40));
    lines.add(text(s.finalCheckpoint().origin(), SMALL, TEXT, 30));
    lines.add(text(Long.toString(s.finalCheckpoint().size()), SMALL, TEXT, 30));
    lines.add(text(s.finalCheckpoint().root().base64(), SMALL, TEXT, 30));
    return lines;
  }

  /** One band of the picture, drawn at its top {@code y}. */
  private interface Line {
    int height();

    void draw(Graphics2D g, int y);
  }

  private static Line gap(int h) {
    return new Line() {
      @Override
      public int height() {
        return h;
      }

      @Override
      public void draw(Graphics2D g, int y) {}
    };
  }

  /** A text in as many lines as it needs to fit the width, each {@code h} pixels high. */
  private static Line text(String s, Font font, Color colour, int h) {
    List<String> rows = wrap(s, font, WIDTH - 2 * MARGIN);
    return new Line() {
      @Override
      public int height() {
        return h * rows.size();
      }

      @Override
      public void draw(Graphics2D g, int y) {
        g.setFont(font);
        g.setColor(colour);
        for (int i = 0; i < rows.size(); i++) {
          g.drawString(rows.get(i), MARGIN, y + i * h + h - (h - font.getSize()) / 2 - 4);
        }
      }
    };
  }

  /**
   * Splits {@code s} at spaces into lines no wider than {@code width} (a longer word stays whole).
   */
  static List<String> wrap(String s, Font font, int width) {
    var metrics = SCRATCH.getFontMetrics(font);
    List<String> rows = new ArrayList<>();
    StringBuilder row = new StringBuilder();
    for (String word : s.split(" ")) {
      String tried = row.isEmpty() ? word : row + " " + word;
      if (!row.isEmpty() && metrics.stringWidth(tried) > width) {
        rows.add(row.toString());
        row = new StringBuilder(word);
      } else {
        row = new StringBuilder(tried);
      }
    }
    rows.add(row.toString());
    return rows;
  }

  private static Line bar(String label, int length, String count) {
    Font font = REGULAR.deriveFont(18f);
    return new Line() {
      @Override
      public int height() {
        return ROW;
      }

      @Override
      public void draw(Graphics2D g, int y) {
        g.setFont(font);
        g.setColor(TEXT);
        int base = y + ROW - 12;
        g.drawString(fit(g, label, LABEL_WIDTH - 16), MARGIN, base);
        g.setColor(BAR);
        g.fillRect(MARGIN + LABEL_WIDTH, y + 6, length, ROW - 12);
        g.setColor(TEXT);
        g.drawString(count, MARGIN + LABEL_WIDTH + length + 10, base);
      }
    };
  }

  private static Line columns(String a, String b, String c, Font font) {
    return new Line() {
      @Override
      public int height() {
        return 34;
      }

      @Override
      public void draw(Graphics2D g, int y) {
        g.setFont(font);
        g.setColor(TEXT);
        int base = y + 24;
        g.drawString(fit(g, a, 640), MARGIN, base);
        g.drawString(fit(g, b, 160), MARGIN + 660, base);
        g.drawString(fit(g, c, 300), MARGIN + 840, base);
      }
    };
  }

  /** The text, shortened with an ellipsis when it is wider than {@code width} pixels. */
  static String fit(Graphics2D g, String s, int width) {
    var metrics = g.getFontMetrics();
    if (metrics.stringWidth(s) <= width) {
      return s;
    }
    String cut = s;
    while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
      cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
    }
    return cut + "…";
  }

  private static Font font(String name) {
    try (InputStream in = ResultsPicture.class.getResourceAsStream("font/" + name)) {
      if (in == null) {
        throw new IllegalStateException("the results font " + name + " is missing from the jar");
      }
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException | FontFormatException e) {
      throw new IllegalStateException("cannot read the results font " + name, e);
    }
  }
}
