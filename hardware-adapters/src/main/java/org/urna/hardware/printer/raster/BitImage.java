package org.urna.hardware.printer.raster;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;

/**
 * A one-bit image the way ESC/POS raster commands carry it: rows of bytes, most significant bit
 * leftmost, a set bit is a black dot.
 *
 * @param widthBytes bytes per row (width in dots is eight times this)
 * @param height rows
 * @param rows {@code widthBytes * height} bytes, row after row
 */
public record BitImage(int widthBytes, int height, byte[] rows) {

  public BitImage {
    Objects.requireNonNull(rows, "rows");
    if (widthBytes < 1 || height < 1) {
      throw new IllegalArgumentException("An image has at least one byte column and one row");
    }
    if ((long) widthBytes * height != rows.length) {
      throw new IllegalArgumentException("Image data length does not match its size");
    }
    rows = rows.clone();
  }

  @Override
  public byte[] rows() {
    return rows.clone();
  }

  public int widthDots() {
    return widthBytes * 8;
  }

  public boolean isBlack(int x, int y) {
    if (x < 0 || y < 0 || x >= widthDots() || y >= height) {
      return false;
    }
    return (rows[y * widthBytes + x / 8] & (0x80 >>> (x % 8))) != 0;
  }

  /** Rows {@code from} (inclusive) to {@code from + count} (exclusive) as their own image. */
  public BitImage band(int from, int count) {
    if (from < 0 || count < 1 || from + count > height) {
      throw new IllegalArgumentException("Band outside the image");
    }
    return new BitImage(
        widthBytes,
        count,
        Arrays.copyOfRange(rows, from * widthBytes, (from + count) * widthBytes));
  }

  /** Thresholds a picture: darker than mid-grey becomes a black dot. */
  public static BitImage of(BufferedImage image) {
    int widthBytes = (image.getWidth() + 7) / 8;
    byte[] data = new byte[widthBytes * image.getHeight()];
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int luminance =
            (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
        boolean opaque = ((rgb >>> 24) & 0xff) > 127;
        if (opaque && luminance < 128) {
          data[y * widthBytes + x / 8] |= (byte) (0x80 >>> (x % 8));
        }
      }
    }
    return new BitImage(widthBytes, image.getHeight(), data);
  }

  /** Black dots on white paper. */
  public BufferedImage toImage() {
    BufferedImage img = new BufferedImage(widthDots(), height, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < widthDots(); x++) {
        img.setRGB(x, y, isBlack(x, y) ? 0xff000000 : 0xffffffff);
      }
    }
    return img;
  }

  /** How many dots are black (used to tell printed areas from blank ones). */
  public int blackDots() {
    int n = 0;
    for (byte b : rows) {
      n += Integer.bitCount(b & 0xff);
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BitImage other
        && other.widthBytes == widthBytes
        && other.height == height
        && Arrays.equals(other.rows, rows);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * widthBytes + height) + Arrays.hashCode(rows);
  }

  @Override
  public String toString() {
    return "BitImage[" + widthDots() + "x" + height + "]";
  }
}
