package org.urna.kiosk.demo;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * The demo's folder of printed paper: every document the emulated printer prints is saved as a PNG,
 * numbered in printing order, so it can be looked at (or scanned) after the demo.
 */
final class PaperFolder {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path dir;
  private final String session = STAMP.format(LocalDateTime.now());
  private final AtomicInteger next = new AtomicInteger(1);

  PaperFolder(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  Path dir() {
    return dir;
  }

  /** Saves one printed document; returns its file, or null if it could not be written. */
  Path save(String kind, BufferedImage paper) {
    Path file =
        dir.resolve(
            session + "-" + String.format("%03d", next.getAndIncrement()) + "-" + kind + ".png");
    try {
      Files.createDirectories(dir);
      if (!ImageIO.write(paper, "png", file.toFile())) {
        throw new IOException("no PNG writer");
      }
      return file;
    } catch (IOException | UncheckedIOException e) {
      System.err.println("Could not save printed paper to " + file + ": " + e.getMessage());
      return null;
    }
  }
}
