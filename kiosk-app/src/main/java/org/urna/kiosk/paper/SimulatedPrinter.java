package org.urna.kiosk.paper;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * A printer with no hardware: renders each document with {@link PaperLayout} to a PNG and hands it
 * to a listener (the demo's paper panel). A poll worker's fault can be staged ({@link
 * #failWith(PrinterFault)}) to show what the voter sees when paper runs out. Keeps only the last
 * few pages, so it can run all day.
 */
public final class SimulatedPrinter implements PaperPrinter {
  /** One printed page: its document and its PNG bytes. */
  public record Page(PaperDocument document, byte[] png) {}

  private final int keep;
  private final Deque<Page> pages = new ArrayDeque<>();
  private volatile PrinterFault fault;
  private volatile Consumer<Page> listener = p -> {};

  public SimulatedPrinter(int keepLastPages) {
    this.keep = keepLastPages;
  }

  /** From now on every job fails with this fault, until {@link #repair()}. */
  public void failWith(PrinterFault fault) {
    this.fault = fault;
  }

  public void repair() {
    this.fault = null;
  }

  public void onPrinted(Consumer<Page> listener) {
    this.listener = listener;
  }

  @Override
  public PrintOutcome print(PaperDocument document) {
    PrinterFault f = fault;
    if (f != null) {
      return new PrintOutcome.Failed(f);
    }
    BufferedImage img = PaperLayout.render(document);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Page page = new Page(document, out.toByteArray());
    synchronized (pages) {
      pages.addLast(page);
      while (pages.size() > keep) {
        pages.removeFirst();
      }
    }
    listener.accept(page);
    return new PrintOutcome.Printed();
  }

  /** The pages kept, oldest first. */
  public List<Page> pages() {
    synchronized (pages) {
      return new ArrayList<>(pages);
    }
  }
}
