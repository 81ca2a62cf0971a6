package org.urna.kiosk.service;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** Touch-sized controls of the service screens. */
final class Ui {
  /**
   * The service screens' own light look. It also sets the kiosk stylesheet's palette for its
   * subtree, so that the operator's high-contrast look (white text on black, set on the shell's
   * root) never puts white text on these light panels.
   */
  static final String ROOT_STYLE =
      "-fx-font-size: 22px; -fx-background-color: #f4f6f8; -fx-font-family: 'DejaVu Sans';"
          + " -c-bg: #f4f6f8; -c-fg: #111111; -c-button: #e9eef6; -c-border: #1d3461;"
          + " -c-primary: #1d3461; -c-primary-fg: #ffffff; -c-warn-bg: #fff3e0;"
          + " -c-warn-fg: #4a0f00; -c-focus: #c2410c; -c-muted: #333333;";

  static final String BUTTON_STYLE =
      "-fx-font-size: 22px; -fx-min-height: 64px; -fx-padding: 8 20 8 20;"
          + " -fx-background-radius: 8; -fx-background-color: #1f4e79; -fx-text-fill: white;";
  static final String QUIET_BUTTON_STYLE =
      "-fx-font-size: 22px; -fx-min-height: 64px; -fx-padding: 8 20 8 20;"
          + " -fx-background-radius: 8; -fx-background-color: #dfe6ee; -fx-text-fill: #102030;";
  static final String DANGER_BUTTON_STYLE =
      "-fx-font-size: 22px; -fx-min-height: 64px; -fx-padding: 8 20 8 20;"
          + " -fx-background-radius: 8; -fx-background-color: #a4161a; -fx-text-fill: white;";
  static final String PROBLEM_STYLE = "-fx-text-fill: #a4161a; -fx-font-size: 20px;";
  static final String OK_STYLE = "-fx-text-fill: #1b5e20; -fx-font-size: 22px;";

  private Ui() {}

  static Button button(String id, String text) {
    return styled(id, text, BUTTON_STYLE);
  }

  static Button quiet(String id, String text) {
    return styled(id, text, QUIET_BUTTON_STYLE);
  }

  static Button danger(String id, String text) {
    return styled(id, text, DANGER_BUTTON_STYLE);
  }

  private static Button styled(String id, String text, String style) {
    Button b = new Button(text);
    b.setId(id);
    b.setStyle(style);
    b.setWrapText(true);
    b.setMinHeight(64);
    b.setMaxWidth(900);
    return b;
  }

  static Label heading(String text) {
    Label l = new Label(text);
    l.setStyle("-fx-font-size: 30px; -fx-font-weight: bold; -fx-text-fill: #102030;");
    l.setWrapText(true);
    l.setPadding(new Insets(0, 0, 8, 0));
    return l;
  }

  static Label text(String id, String text) {
    Label l = new Label(text);
    l.setId(id);
    l.setWrapText(true);
    l.setMaxWidth(Double.MAX_VALUE);
    return l;
  }

  /** A QR code of {@code payload}, {@code scale} pixels a module, with a quiet zone. */
  static Image qr(String payload, int scale) {
    BitMatrix m;
    try {
      m =
          new QRCodeWriter()
              .encode(
                  payload,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      4));
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot make a QR code of this text", e);
    }
    WritableImage img = new WritableImage(m.getWidth() * scale, m.getHeight() * scale);
    PixelWriter w = img.getPixelWriter();
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        Color c = m.get(x, y) ? Color.BLACK : Color.WHITE;
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            w.setColor(x * scale + dx, y * scale + dy, c);
          }
        }
      }
    }
    return img;
  }
}
