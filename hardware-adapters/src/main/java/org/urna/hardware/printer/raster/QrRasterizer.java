package org.urna.hardware.printer.raster;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * Draws a QR code with ZXing as a one-bit image as wide as the paper, centred, with the four-module
 * quiet zone. No character-set hint: payloads are ASCII and the hint would add an ECI header that
 * some scanners cannot read.
 */
public final class QrRasterizer {

  private final int widthDots;

  public QrRasterizer(int widthDots) {
    this.widthDots = widthDots;
  }

  /** The QR symbol's modules, one bit a module, quiet zone included. */
  public static BitMatrix matrix(String payload, ErrorCorrectionLevel level) {
    try {
      return new QRCodeWriter()
          .encode(
              payload,
              BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(EncodeHintType.ERROR_CORRECTION, level, EncodeHintType.MARGIN, 4));
    } catch (WriterException e) {
      throw new IllegalArgumentException("The payload does not fit in a QR code", e);
    }
  }

  /**
   * @param moduleDots dots per module; reduced when the symbol would not fit the paper
   */
  public BitImage render(String payload, int moduleDots) {
    BitMatrix m = matrix(payload, ErrorCorrectionLevel.M);
    int scale = Math.max(1, Math.min(moduleDots, widthDots / m.getWidth()));
    int size = m.getWidth() * scale;
    if (size > widthDots) {
      throw new IllegalArgumentException("The QR code is wider than the paper");
    }
    int left = (widthDots - size) / 2;
    int widthBytes = widthDots / 8;
    byte[] data = new byte[widthBytes * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (m.get(x / scale, y / scale)) {
          int px = left + x;
          data[y * widthBytes + px / 8] |= (byte) (0x80 >>> (px % 8));
        }
      }
    }
    return new BitImage(widthBytes, size, data);
  }
}
