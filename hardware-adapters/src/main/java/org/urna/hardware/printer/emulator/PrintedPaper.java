package org.urna.hardware.printer.emulator;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * What the emulated printer has put on paper so far.
 *
 * @param image the roll as the voter would see it
 * @param textLines each line printed from the character generator, decoded to Unicode
 * @param nativeQrPayloads payloads of QR codes the printer drew itself ({@code GS ( k})
 * @param rasterImages how many {@code GS v 0} images were printed
 * @param cuts how many cuts were made
 * @param errors commands the printer could not carry out (unknown bytes, oversized bands)
 */
public record PrintedPaper(
    BufferedImage image,
    List<String> textLines,
    List<String> nativeQrPayloads,
    int rasterImages,
    int cuts,
    List<String> errors) {

  public PrintedPaper {
    textLines = List.copyOf(textLines);
    nativeQrPayloads = List.copyOf(nativeQrPayloads);
    errors = List.copyOf(errors);
  }

  public String text() {
    return String.join("\n", textLines);
  }

  public void savePng(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ImageIO.write(image, "png", file.toFile());
  }
}
