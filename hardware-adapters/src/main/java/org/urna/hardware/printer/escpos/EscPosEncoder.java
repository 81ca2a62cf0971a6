package org.urna.hardware.printer.escpos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.urna.hardware.printer.Paper;
import org.urna.hardware.printer.PaperBlock;
import org.urna.hardware.printer.PaperBlock.Align;
import org.urna.hardware.printer.PaperBlock.Text;
import org.urna.hardware.printer.PaperBlock.TextSize;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.raster.BitImage;
import org.urna.hardware.printer.raster.QrRasterizer;
import org.urna.hardware.printer.raster.TextRasterizer;

/**
 * Turns a {@link Paper} into ESC/POS bytes for one model, in one typeface per paper (decision
 * 0154): when the model's code pages hold every letter of every paragraph, all text goes out in the
 * printer's own font; when any paragraph has a letter no code page holds (Tatar's ә, ө, ү, җ, ң,
 * һ), or a character the printer's one-cell font cannot draw as itself (the em dash), every
 * paragraph and rule of the paper is drawn from the bundled font as raster images. Text keeps a
 * margin of {@link #MARGIN_DOTS} on both sides. QR codes go out natively when the model has a QR
 * engine, else as a ZXing raster.
 */
public final class EscPosEncoder {

  /** Font A is 12 × 24 dots. */
  static final int FONT_A_WIDTH = 12;

  /** Left and right margin of text and rules: 24 dots, 3 mm at 203 dpi. */
  public static final int MARGIN_DOTS = TextRasterizer.MARGIN_DOTS;

  /**
   * Characters a code page may hold but a printer's one-cell font draws too short to tell from
   * their neighbours: the em dash (a cell wide, it reads as an en dash) and the horizontal bar.
   */
  static final String NOT_IN_ONE_CELL = "\u2014\u2015";

  private static final int CHUNK_BYTES = 1024;

  private final PrinterProfile profile;
  private final TextRasterizer textRasterizer;
  private final QrRasterizer qrRasterizer;

  public EscPosEncoder(PrinterProfile profile) {
    this.profile = profile;
    this.textRasterizer = new TextRasterizer(profile.dotsPerLine());
    this.qrRasterizer = new QrRasterizer(profile.dotsPerLine());
  }

  public EscPosJob encode(Paper paper) {
    Chunks out = new Chunks();
    out.add(EscPos.initialize());
    if (profile.autoStatusBack()) {
      // Report changes of online state, errors and the paper sensors (bits 1, 2, 3).
      out.add(EscPos.autoStatusBack(0x0e));
    }
    boolean raster = drawnWhole(paper);
    for (PaperBlock block : paper.blocks()) {
      switch (block) {
        case Text t -> {
          if (raster) {
            raster(textRasterizer.render(t), out);
          } else {
            text(t, out);
          }
        }
        case PaperBlock.QrCode q -> qr(q, out);
        case PaperBlock.Rule r -> {
          if (raster) {
            raster(TextRasterizer.rule(profile.dotsPerLine()), out);
          } else {
            rule(out);
          }
        }
        case PaperBlock.Feed f -> out.add(EscPos.feedLines(f.lines()));
      }
    }
    out.flush();
    out.add(EscPos.feedLines(profile.cutter() ? 3 : 5));
    if (profile.cutter()) {
      out.add(EscPos.feedAndCut(24));
    }
    out.flush();
    return new EscPosJob(out.chunks);
  }

  /**
   * Whether this paper is drawn whole from the bundled font: some paragraph has a letter none of
   * the model's code pages holds, or a character its font cannot draw in one cell.
   */
  public boolean drawnWhole(Paper paper) {
    return paper.blocks().stream()
        .anyMatch(b -> b instanceof Text t && !printableInPrinterFont(t.text()));
  }

  /** Whether the printer's own font prints this text faithfully. */
  public boolean printableInPrinterFont(String text) {
    return codePageFor(text).isPresent()
        && text.chars().noneMatch(c -> NOT_IN_ONE_CELL.indexOf(c) >= 0);
  }

  /** The code page that holds every letter of this text, if the model has one. */
  public java.util.Optional<Map.Entry<Integer, Charset>> codePageFor(String text) {
    return profile.codePages().entrySet().stream()
        .filter(e -> e.getValue().newEncoder().canEncode(text))
        .findFirst();
  }

  private int textWidthDots() {
    return profile.dotsPerLine() - 2 * MARGIN_DOTS;
  }

  private void text(Text t, Chunks out) {
    var page = codePageFor(t.text()).orElseThrow();
    TextSize size = fittingSize(t);
    int columns = textWidthDots() / (FONT_A_WIDTH * size.widthFactor());
    out.add(EscPos.leftMargin(MARGIN_DOTS));
    out.add(EscPos.printAreaWidth(textWidthDots()));
    out.add(EscPos.codePage(page.getKey()));
    out.add(EscPos.justify(t.align() == Align.CENTER ? 1 : 0));
    out.add(EscPos.emphasis(t.bold()));
    out.add(EscPos.reverse(t.reverse()));
    out.add(EscPos.size(size.widthFactor(), size.heightFactor()));
    for (String line : wrap(t.text(), columns)) {
      out.add(line.getBytes(page.getValue()));
      out.add(new byte[] {EscPos.LF});
    }
    out.add(EscPos.size(1, 1));
    out.add(EscPos.reverse(false));
    out.add(EscPos.emphasis(false));
    out.add(EscPos.justify(0));
    out.add(EscPos.leftMargin(0));
    out.add(EscPos.printAreaWidth(profile.dotsPerLine()));
  }

  private void qr(PaperBlock.QrCode q, Chunks out) {
    if (profile.nativeQr()) {
      out.add(EscPos.justify(1));
      out.add(EscPos.nativeQr(q.payload(), q.moduleDots()));
      out.add(new byte[] {EscPos.LF});
      out.add(EscPos.justify(0));
    } else {
      raster(qrRasterizer.render(q.payload(), q.moduleDots()), out);
    }
  }

  private void rule(Chunks out) {
    out.add(EscPos.size(1, 1));
    out.add(EscPos.leftMargin(MARGIN_DOTS));
    out.add(EscPos.printAreaWidth(textWidthDots()));
    out.add(EscPos.codePage(profile.codePages().keySet().iterator().next()));
    out.add("-".repeat(textWidthDots() / FONT_A_WIDTH).getBytes(Charset.forName("US-ASCII")));
    out.add(new byte[] {EscPos.LF});
    out.add(EscPos.leftMargin(0));
    out.add(EscPos.printAreaWidth(profile.dotsPerLine()));
  }

  /** One GS v 0 command a band, each band its own chunk. */
  private void raster(BitImage image, Chunks out) {
    out.flush();
    for (int row = 0; row < image.height(); row += profile.rasterBandRows()) {
      int rows = Math.min(profile.rasterBandRows(), image.height() - row);
      out.add(EscPos.raster(image.band(row, rows)));
      out.flush();
    }
  }

  /** Word wrap at a column count; words longer than a line are split. */
  static List<String> wrap(String text, int columns) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : text.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" +")) {
        if (word.isEmpty()) {
          continue;
        }
        while (word.length() > columns) {
          if (!line.isEmpty()) {
            lines.add(line.toString());
            line.setLength(0);
          }
          int cut = breakPoint(word, columns);
          lines.add(word.substring(0, cut));
          word = word.substring(cut);
        }
        if (line.isEmpty()) {
          line.append(word);
        } else if (line.length() + 1 + word.length() <= columns) {
          line.append(' ').append(word);
        } else {
          lines.add(line.toString());
          line.setLength(0);
          line.append(word);
        }
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /** Where to split a word too long for a line: after a '/', '.', '-', '?', '=' or '&' if any. */
  static int breakPoint(String word, int columns) {
    for (int i = columns; i > columns / 3; i--) {
      if ("/.-?=&".indexOf(word.charAt(i - 1)) >= 0) {
        return i;
      }
    }
    return columns;
  }

  /** The largest size, no larger than asked, at which the text's longest word fits a line. */
  TextSize fittingSize(Text t) {
    int longest = 0;
    for (String word : t.text().split("[ \n]+")) {
      longest = Math.max(longest, word.length());
    }
    TextSize size = t.size();
    while (size != TextSize.NORMAL
        && longest > textWidthDots() / (FONT_A_WIDTH * size.widthFactor())) {
      size = TextSize.values()[size.ordinal() - 1];
    }
    return size;
  }

  private static final class Chunks {
    final List<byte[]> chunks = new ArrayList<>();
    final ByteArrayOutputStream current = new ByteArrayOutputStream();

    void add(byte[] bytes) {
      current.writeBytes(bytes);
      if (current.size() >= CHUNK_BYTES) {
        flush();
      }
    }

    void flush() {
      if (current.size() > 0) {
        chunks.add(current.toByteArray());
        current.reset();
      }
    }
  }
}
