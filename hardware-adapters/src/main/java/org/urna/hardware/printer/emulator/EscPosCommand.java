package org.urna.hardware.printer.emulator;

import org.urna.hardware.printer.raster.BitImage;

/** A command the emulator understands: the subset of ESC/POS that Urna's driver sends. */
public sealed interface EscPosCommand {

  /** A character to print, a byte of the current code page. */
  record Printable(int code) implements EscPosCommand {}

  /** LF: print the line buffer and feed one line. */
  record LineFeed() implements EscPosCommand {}

  /** CR: ignored, as printers with auto line feed off do. */
  record CarriageReturn() implements EscPosCommand {}

  /** ESC @ */
  record Initialize() implements EscPosCommand {}

  /** ESC t n */
  record SelectCodePage(int n) implements EscPosCommand {}

  /** ESC E n */
  record Emphasis(boolean on) implements EscPosCommand {}

  /** GS ! n */
  record CharacterSize(int width, int height) implements EscPosCommand {}

  /** ESC a n: 0 left, 1 centre, 2 right. */
  record Justify(int position) implements EscPosCommand {}

  /** GS B n */
  record Reverse(boolean on) implements EscPosCommand {}

  /** ESC d n */
  record FeedLines(int lines) implements EscPosCommand {}

  /** ESC 2 (default, -1) or ESC 3 n. */
  record LineSpacing(int dots) implements EscPosCommand {}

  /** GS L nL nH: left margin in dots (text only in this emulator). */
  record LeftMargin(int dots) implements EscPosCommand {}

  /** GS W nL nH: width of the printing area in dots (text only in this emulator). */
  record PrintAreaWidth(int dots) implements EscPosCommand {}

  /** GS V m [n]: partial or full cut, after feeding {@code feedDots}. */
  record Cut(boolean partial, int feedDots) implements EscPosCommand {}

  /** GS v 0 m xL xH yL yH d... */
  record RasterImage(int mode, BitImage image) implements EscPosCommand {}

  /** GS ( k fn 165: QR model (49 = 1, 50 = 2). */
  record QrModel(int model) implements EscPosCommand {}

  /** GS ( k fn 167: module size in dots. */
  record QrModuleSize(int dots) implements EscPosCommand {}

  /** GS ( k fn 169: error correction 48–51 = L, M, Q, H. */
  record QrErrorCorrection(int level) implements EscPosCommand {}

  /** GS ( k fn 180: store the symbol's data. */
  record QrStore(byte[] data) implements EscPosCommand {
    public QrStore {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  /** GS ( k fn 181: print the stored symbol. */
  record QrPrint() implements EscPosCommand {}

  /** DLE EOT n */
  record RealtimeStatusRequest(int n) implements EscPosCommand {}

  /** GS a n */
  record AutoStatusBack(int mask) implements EscPosCommand {}
}
