package org.urna.kiosk.service;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads every QR code in an image (a screen, a rendered paper), as a scanner would. */
public final class QrDecode {
  private QrDecode() {}

  public static List<String> all(BufferedImage image) {
    var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
    try {
      Result[] results =
          new QRCodeMultiReader()
              .decodeMultiple(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
      return Arrays.stream(results).map(Result::getText).toList();
    } catch (NotFoundException e) {
      return List.of();
    }
  }
}
