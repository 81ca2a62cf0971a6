package org.urna.hardware.printer.escpos;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.urna.hardware.printer.raster.BitImage;

/** The ESC/POS commands Urna sends, as bytes. Each method is one command of the manual. */
public final class EscPos {

  public static final byte ESC = 0x1b;
  public static final byte GS = 0x1d;
  public static final byte DLE = 0x10;
  public static final byte EOT = 0x04;
  public static final byte LF = 0x0a;

  private EscPos() {}

  /** ESC @: clears the buffer's modes back to power-on settings. */
  public static byte[] initialize() {
    return new byte[] {ESC, '@'};
  }

  /** ESC t n: character code table. */
  public static byte[] codePage(int n) {
    return new byte[] {ESC, 't', (byte) n};
  }

  /** ESC E n: emphasised (bold) on or off. */
  public static byte[] emphasis(boolean on) {
    return new byte[] {ESC, 'E', (byte) (on ? 1 : 0)};
  }

  /** GS ! n: character width and height multipliers, 1 to 8 each. */
  public static byte[] size(int width, int height) {
    if (width < 1 || width > 8 || height < 1 || height > 8) {
      throw new IllegalArgumentException("Character size factors are 1 to 8");
    }
    return new byte[] {GS, '!', (byte) (((width - 1) << 4) | (height - 1))};
  }

  /** ESC a n: 0 left, 1 centre, 2 right. */
  public static byte[] justify(int n) {
    return new byte[] {ESC, 'a', (byte) n};
  }

  /** GS B n: white on black on or off. */
  public static byte[] reverse(boolean on) {
    return new byte[] {GS, 'B', (byte) (on ? 1 : 0)};
  }

  /** GS L nL nH: left margin in dots, for the lines that follow. */
  public static byte[] leftMargin(int dots) {
    return new byte[] {GS, 'L', (byte) (dots & 0xff), (byte) (dots >> 8)};
  }

  /** GS W nL nH: width of the printing area in dots, from the left margin. */
  public static byte[] printAreaWidth(int dots) {
    return new byte[] {GS, 'W', (byte) (dots & 0xff), (byte) (dots >> 8)};
  }

  /** ESC d n: print and feed n lines. */
  public static byte[] feedLines(int n) {
    return new byte[] {ESC, 'd', (byte) n};
  }

  /** GS V 66 n: feed n dots past the cutter, then a partial cut. */
  public static byte[] feedAndCut(int dots) {
    return new byte[] {GS, 'V', 66, (byte) dots};
  }

  /** DLE EOT n: real-time status, n = 1 printer, 2 offline cause, 3 error cause, 4 paper. */
  public static byte[] realtimeStatus(int n) {
    return new byte[] {DLE, EOT, (byte) n};
  }

  /** GS a n: automatic status back for the events in mask n (0 turns it off). */
  public static byte[] autoStatusBack(int mask) {
    return new byte[] {GS, 'a', (byte) mask};
  }

  /** GS v 0 m xL xH yL yH d...: one raster image in normal density. */
  public static byte[] raster(BitImage image) {
    if (image.widthBytes() > 0xffff || image.height() > 0xffff) {
      throw new IllegalArgumentException("Raster image too large for GS v 0");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(8 + image.rows().length);
    out.writeBytes(
        new byte[] {
          GS,
          'v',
          '0',
          0,
          (byte) image.widthBytes(),
          (byte) (image.widthBytes() >> 8),
          (byte) image.height(),
          (byte) (image.height() >> 8)
        });
    out.writeBytes(image.rows());
    return out.toByteArray();
  }

  /**
   * GS ( k: a QR code printed by the printer itself: model 2, module size, error correction M,
   * store the data, print the stored symbol.
   */
  public static byte[] nativeQr(String asciiPayload, int moduleDots) {
    byte[] data = asciiPayload.getBytes(StandardCharsets.US_ASCII);
    int len = data.length + 3;
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 32);
    out.writeBytes(new byte[] {GS, '(', 'k', 4, 0, '1', 'A', '2', 0}); // fn 165: model 2
    out.writeBytes(new byte[] {GS, '(', 'k', 3, 0, '1', 'C', (byte) moduleDots}); // fn 167
    out.writeBytes(new byte[] {GS, '(', 'k', 3, 0, '1', 'E', '1'}); // fn 169: level M
    out.writeBytes(new byte[] {GS, '(', 'k', (byte) len, (byte) (len >> 8), '1', 'P', '0'});
    out.writeBytes(data); // fn 180: store
    out.writeBytes(new byte[] {GS, '(', 'k', 3, 0, '1', 'Q', '0'}); // fn 181: print
    return out.toByteArray();
  }
}
