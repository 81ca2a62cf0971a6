package org.urna.hardware.printer.emulator;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.EscPosCommand.*;
import org.urna.hardware.printer.emulator.PaperCanvas.Glyph;

/**
 * The emulated printer's state: modes, the line buffer, the paper, the sensors. Applies commands
 * and answers status requests through the reply sink. Its sensors can be set from outside (paper
 * out, cover open, silent), now or after a number of received bytes.
 */
final class PrinterMechanism {

  private final PrinterProfile profile;
  private final Consumer<byte[]> replies;
  private PaperCanvas canvas;
  private final QrEngine qr = new QrEngine();
  private final List<Glyph> line = new ArrayList<>();
  private final StringBuilder lineText = new StringBuilder();
  private final List<String> textLines = new ArrayList<>();
  private final List<String> qrPayloads = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private int rasterImages;
  private int cuts;

  private Charset codePage;
  private int widthFactor = 1;
  private int heightFactor = 1;
  private boolean bold;
  private boolean reverse;
  private int justify;
  private int leftMargin;
  private int areaWidth;
  private int lineSpacing = 30;
  private int autoStatusMask;

  private boolean paperOut;
  private boolean nearEnd;
  private boolean coverOpen;
  private boolean cutterJammed;
  private boolean silent;
  final Triggers triggers = new Triggers();

  PrinterMechanism(PrinterProfile profile, Consumer<byte[]> replies) {
    this.profile = profile;
    this.replies = replies;
    this.canvas = new PaperCanvas(profile.dotsPerLine());
    this.codePage = profile.codePages().values().iterator().next();
    this.areaWidth = profile.dotsPerLine();
  }

  synchronized void apply(EscPosCommand command) {
    switch (command) {
      case RealtimeStatusRequest r -> reply(new byte[] {(byte) realtimeStatus(r.n())});
      case AutoStatusBack a -> {
        autoStatusMask = a.mask();
        if (autoStatusMask != 0) {
          sendAutoStatus();
        }
      }
      case Initialize i -> initialize();
      default -> {
        if (!offline()) {
          print(command);
        }
      }
    }
  }

  private void print(EscPosCommand command) {
    switch (command) {
      case Printable p -> addGlyph(p.code());
      case LineFeed lf -> printLine();
      case CarriageReturn cr -> {}
      case SelectCodePage s -> {
        Charset cs = profile.codePages().get(s.n());
        if (cs == null) {
          errors.add("Code page " + s.n() + " is not in model " + profile.model());
        } else {
          codePage = cs;
        }
      }
      case Emphasis e -> bold = e.on();
      case CharacterSize s -> {
        widthFactor = s.width();
        heightFactor = s.height();
      }
      case Justify j -> justify = j.position();
      case Reverse r -> reverse = r.on();
      case LeftMargin m -> leftMargin = Math.min(m.dots(), profile.dotsPerLine() - 1);
      case PrintAreaWidth w -> areaWidth = Math.max(1, w.dots());
      case FeedLines f -> {
        printLine();
        canvas.feed(f.lines() * lineSpacing);
      }
      case LineSpacing s -> lineSpacing = s.dots() < 0 ? 30 : s.dots();
      case Cut c -> cut(c);
      case RasterImage r -> raster(r);
      case QrModel m -> qr.model(m.model());
      case QrModuleSize s -> qr.moduleSize(s.dots());
      case QrErrorCorrection e -> qr.errorCorrection(e.level());
      case QrStore s -> qr.store(s.data());
      case QrPrint p -> printQr();
      case Initialize i -> initialize();
      case RealtimeStatusRequest r -> {}
      case AutoStatusBack a -> {}
    }
    if (canvas.rollUsedUp() && !paperOut) {
      setPaperOut(true);
    }
  }

  private void initialize() {
    line.clear();
    lineText.setLength(0);
    codePage = profile.codePages().values().iterator().next();
    widthFactor = 1;
    heightFactor = 1;
    bold = false;
    reverse = false;
    justify = 0;
    leftMargin = 0;
    areaWidth = profile.dotsPerLine();
    lineSpacing = 30;
    qr.reset();
  }

  private void addGlyph(int code) {
    int lineWidth = line.stream().mapToInt(g -> g.width() * PaperCanvas.CELL_WIDTH).sum();
    if (lineWidth + widthFactor * PaperCanvas.CELL_WIDTH > printableWidth()) {
      printLine();
    }
    char c = new String(new byte[] {(byte) code}, codePage).charAt(0);
    line.add(new Glyph(c, widthFactor, heightFactor, bold, reverse));
    lineText.append(c);
  }

  /** The printing area right of the left margin, at least one cell (as printers do). */
  private int printableWidth() {
    int w = Math.min(areaWidth, profile.dotsPerLine() - leftMargin);
    return Math.max(w, widthFactor * PaperCanvas.CELL_WIDTH);
  }

  private void printLine() {
    if (line.isEmpty()) {
      canvas.feed(lineSpacing);
      return;
    }
    canvas.printLine(
        List.copyOf(line),
        justify,
        lineSpacing + (heightFactor - 1) * 6,
        leftMargin,
        printableWidth());
    textLines.add(lineText.toString());
    line.clear();
    lineText.setLength(0);
  }

  private void cut(Cut c) {
    printLine();
    if (!profile.cutter()) {
      errors.add("Model " + profile.model() + " has no cutter");
      return;
    }
    if (cutterJammed) {
      sendAutoStatus();
      return;
    }
    canvas.feed(c.feedDots());
    canvas.cutMark(c.partial());
    cuts++;
  }

  private void raster(RasterImage r) {
    if (r.image().height() > profile.rasterBandRows()) {
      errors.add(
          "Raster band of "
              + r.image().height()
              + " rows overflows the buffer of "
              + profile.model());
    }
    if (r.image().widthDots() > profile.dotsPerLine()) {
      errors.add("Raster image is wider than the print head");
    }
    canvas.printRaster(r.image(), justify);
    rasterImages++;
  }

  private void printQr() {
    if (!profile.nativeQr()) {
      errors.add("Model " + profile.model() + " has no QR engine");
      return;
    }
    var symbol = qr.render(canvas.widthDots());
    if (symbol.isEmpty()) {
      errors.add("QR print without stored data, or data too long");
      return;
    }
    canvas.printRaster(symbol.get(), justify);
    qrPayloads.add(new String(qr.stored(), StandardCharsets.ISO_8859_1));
  }

  private int realtimeStatus(int n) {
    return switch (n) {
      case 1 -> 0x12 | (offline() ? 0x08 : 0);
      case 2 -> 0x12 | (coverOpen ? 0x04 : 0) | (paperOut ? 0x20 : 0) | (cutterJammed ? 0x40 : 0);
      case 3 -> 0x12 | (cutterJammed ? 0x08 : 0);
      default -> 0x12 | (nearEnd ? 0x0c : 0) | (paperOut ? 0x60 : 0);
    };
  }

  private void sendAutoStatus() {
    if (autoStatusMask == 0 || !profile.autoStatusBack()) {
      return;
    }
    reply(
        new byte[] {
          (byte) (0x10 | (offline() ? 0x08 : 0) | (coverOpen ? 0x20 : 0)),
          (byte) (cutterJammed ? 0x08 : 0),
          (byte) ((nearEnd ? 0x03 : 0) | (paperOut ? 0x0c : 0)),
          0
        });
  }

  private void reply(byte[] bytes) {
    if (!silent) {
      replies.accept(bytes);
    }
  }

  private boolean offline() {
    return paperOut || coverOpen || cutterJammed;
  }

  /** Called for every byte received, before it is parsed: fires the planned faults. */
  synchronized void received(long count) {
    if (triggers.paperOutAt >= 0 && count >= triggers.paperOutAt) {
      triggers.paperOutAt = -1;
      setPaperOut(true);
    }
    if (triggers.coverOpenAt >= 0 && count >= triggers.coverOpenAt) {
      triggers.coverOpenAt = -1;
      setCoverOpen(true);
    }
    if (triggers.silentAt >= 0 && count >= triggers.silentAt) {
      triggers.silentAt = -1;
      silent = true;
    }
    if (triggers.garbageAt >= 0 && count >= triggers.garbageAt) {
      triggers.garbageAt = -1;
      replies.accept(triggers.garbage);
    }
  }

  synchronized void setPaperOut(boolean out) {
    if (out && !paperOut) {
      printLine();
      canvas.paperEndMark();
    }
    paperOut = out;
    sendAutoStatus();
  }

  synchronized void setNearEnd(boolean near) {
    nearEnd = near;
    sendAutoStatus();
  }

  synchronized void setCoverOpen(boolean open) {
    coverOpen = open;
    sendAutoStatus();
  }

  synchronized void setCutterJammed(boolean jammed) {
    cutterJammed = jammed;
    sendAutoStatus();
  }

  synchronized void setSilent(boolean s) {
    silent = s;
  }

  synchronized void syntaxError(EscPosSyntaxException e) {
    errors.add(e.getMessage());
  }

  /** Takes the printed paper away: the roll starts blank again, as after the voter tore it off. */
  synchronized PrintedPaper tearOff() {
    PrintedPaper taken = paper();
    canvas = new PaperCanvas(profile.dotsPerLine());
    textLines.clear();
    qrPayloads.clear();
    errors.clear();
    rasterImages = 0;
    cuts = 0;
    return taken;
  }

  synchronized PrintedPaper paper() {
    return new PrintedPaper(canvas.snapshot(), textLines, qrPayloads, rasterImages, cuts, errors);
  }

  /** Faults planned for a byte count; -1 when none. */
  static final class Triggers {
    long paperOutAt = -1;
    long silentAt = -1;
    long coverOpenAt = -1;
    long garbageAt = -1;
    byte[] garbage = new byte[0];
  }
}
