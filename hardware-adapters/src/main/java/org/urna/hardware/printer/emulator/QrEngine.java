package org.urna.hardware.printer.emulator;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.urna.hardware.printer.raster.BitImage;
import org.urna.hardware.printer.raster.QrRasterizer;

/** The emulated printer's own QR engine ({@code GS ( k}): stores data, draws the symbol. */
final class QrEngine {

  private int moduleSize = 3;
  private ErrorCorrectionLevel level = ErrorCorrectionLevel.L;
  private byte[] stored;

  void reset() {
    moduleSize = 3;
    level = ErrorCorrectionLevel.L;
    stored = null;
  }

  void model(int model) {
    // Model 2 is what every current printer draws; model 1 is drawn the same way here.
  }

  void moduleSize(int dots) {
    moduleSize = dots;
  }

  void errorCorrection(int code) {
    level =
        switch (code) {
          case 48 -> ErrorCorrectionLevel.L;
          case 49 -> ErrorCorrectionLevel.M;
          case 50 -> ErrorCorrectionLevel.Q;
          default -> ErrorCorrectionLevel.H;
        };
  }

  void store(byte[] data) {
    stored = data.clone();
  }

  byte[] stored() {
    return stored == null ? new byte[0] : stored.clone();
  }

  Optional<BitImage> render(int widthDots) {
    if (stored == null) {
      return Optional.empty();
    }
    String payload = new String(stored, StandardCharsets.ISO_8859_1);
    try {
      var m = QrRasterizer.matrix(payload, level);
      int scale = Math.max(1, Math.min(moduleSize, widthDots / m.getWidth()));
      int size = m.getWidth() * scale;
      if (size > widthDots) {
        return Optional.empty();
      }
      int widthBytes = (size + 7) / 8;
      byte[] data = new byte[widthBytes * size];
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          if (m.get(x / scale, y / scale)) {
            data[y * widthBytes + x / 8] |= (byte) (0x80 >>> (x % 8));
          }
        }
      }
      return Optional.of(new BitImage(widthBytes, size, data));
    } catch (RuntimeException e) {
      // ZXing refuses data it cannot fit in a symbol; the printer prints nothing, as a real one.
      return Optional.empty();
    }
  }
}
