package org.urna.kiosk.paper;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lays a document out on 80 mm thermal paper (576 dots at 203 dpi) as a raster image, text from the
 * bundled DejaVu Sans (every script of the election; 28 dots ≈ 10 pt, the VVSG minimum), QR codes
 * from ZXing. The simulated printer shows these images; a raster printer prints them as they are.
 */
public final class PaperLayout {
  public static final int WIDTH = 576;
  private static final int MARGIN = 16;
  private static final Font REGULAR = load("DejaVuSans.ttf").deriveFont(28f);
  private static final Font BOLD = load("DejaVuSans-Bold.ttf").deriveFont(30f);
  private static final Font BIG = load("DejaVuSans-Bold.ttf").deriveFont(40f);

  private PaperLayout() {}

  private static Font load(String file) {
    try (InputStream in = PaperLayout.class.getResourceAsStream("/org/urna/kiosk/fonts/" + file)) {
      return Font.createFont(Font.TRUETYPE_FONT, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (FontFormatException e) {
      throw new IllegalStateException("the bundled font " + file + " is damaged", e);
    }
  }

  public static BufferedImage render(PaperDocument doc) {
    List<Block> blocks = new ArrayList<>();
    switch (doc) {
      case PaperDocument.PaperRecord r -> {
        blocks.add(new Text(r.heading(), BIG));
        blocks.add(new Text(r.electionTitle(), BOLD));
        blocks.add(new Rule());
        for (PaperDocument.ContestLines c : r.contests()) {
          blocks.add(new Text(c.title(), BOLD));
          for (String name : c.chosen()) {
            blocks.add(new Text(name, REGULAR, 28));
          }
          blocks.add(new Gap(10));
        }
        blocks.add(new Rule());
        blocks.add(new Text(r.ballotLine(), REGULAR));
        blocks.add(new Qr(r.qrPayload(), 300));
      }
      case PaperDocument.VoidMark v -> {
        blocks.add(new Rule());
        blocks.add(new Text(v.voidLine(), BIG));
        blocks.add(new Text(v.ballotLine(), REGULAR));
        blocks.add(new Text(v.codeLabel(), REGULAR));
        blocks.add(new Text(v.trackingCode(), BIG));
        blocks.add(new Text(v.lookupLabel() + " " + v.lookupUrl(), REGULAR));
        blocks.add(new Qr(v.lookupUrl(), 220));
        blocks.add(new Rule());
      }
      case PaperDocument.Receipt r -> {
        blocks.add(new Text(r.heading(), BIG));
        blocks.add(new Text(r.electionTitle(), BOLD));
        blocks.add(new Rule());
        blocks.add(new Text(r.codeLabel(), REGULAR));
        blocks.add(new Text(r.trackingCode(), BIG));
        blocks.add(new Text(r.lookupLabel() + " " + r.lookupUrl(), REGULAR));
        blocks.add(new Qr(r.lookupUrl(), 260));
      }
    }
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D pg = probe.createGraphics();
    int height = MARGIN * 2;
    for (Block b : blocks) {
      height += b.height(pg.getFontRenderContext());
    }
    pg.dispose();
    BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    g.setColor(Color.BLACK);
    int y = MARGIN;
    for (Block b : blocks) {
      y = b.draw(g, y);
    }
    g.dispose();
    return img;
  }

  private sealed interface Block {
    int height(FontRenderContext frc);

    int draw(Graphics2D g, int y);
  }

  private record Gap(int size) implements Block {
    public int height(FontRenderContext frc) {
      return size;
    }

    public int draw(Graphics2D g, int y) {
      return y + size;
    }
  }

  private record Rule() implements Block {
    public int height(FontRenderContext frc) {
      return 20;
    }

    public int draw(Graphics2D g, int y) {
      g.fillRect(MARGIN, y + 8, WIDTH - 2 * MARGIN, 3);
      return y + 20;
    }
  }

  /** Wrapped text: long names break between words, never get cut. */
  private record Text(String text, Font font, int indent) implements Block {
    Text(String text, Font font) {
      this(text, font, 0);
    }

    private List<TextLayout> lines(FontRenderContext frc) {
      List<TextLayout> out = new ArrayList<>();
      if (text.isEmpty()) {
        return out;
      }
      AttributedString as = new AttributedString(text, Map.of(TextAttribute.FONT, font));
      LineBreakMeasurer m = new LineBreakMeasurer(as.getIterator(), frc);
      while (m.getPosition() < text.length()) {
        out.add(m.nextLayout(WIDTH - 2f * MARGIN - indent));
      }
      return out;
    }

    public int height(FontRenderContext frc) {
      int h = 0;
      for (TextLayout l : lines(frc)) {
        h += (int) Math.ceil(l.getAscent() + l.getDescent() + l.getLeading()) + 2;
      }
      return h;
    }

    public int draw(Graphics2D g, int y) {
      float yy = y;
      for (TextLayout l : lines(g.getFontRenderContext())) {
        yy += l.getAscent();
        l.draw(g, MARGIN + indent, yy);
        yy += l.getDescent() + l.getLeading() + 2;
      }
      return (int) Math.ceil(yy);
    }
  }

  private record Qr(String payload, int size) implements Block {
    public int height(FontRenderContext frc) {
      return size + 16;
    }

    public int draw(Graphics2D g, int y) {
      BitMatrix m;
      try {
        m =
            new QRCodeWriter()
                .encode(
                    payload,
                    BarcodeFormat.QR_CODE,
                    size,
                    size,
                    Map.of(
                        EncodeHintType.ERROR_CORRECTION,
                        ErrorCorrectionLevel.M,
                        EncodeHintType.MARGIN,
                        2));
      } catch (WriterException e) {
        throw new IllegalArgumentException("this text does not fit in a QR code", e);
      }
      int x0 = (WIDTH - m.getWidth()) / 2;
      for (int yy = 0; yy < m.getHeight(); yy++) {
        for (int xx = 0; xx < m.getWidth(); xx++) {
          if (m.get(xx, yy)) {
            g.fillRect(x0 + xx, y + 8 + yy, 1, 1);
          }
        }
      }
      return y + size + 16;
    }
  }
}
