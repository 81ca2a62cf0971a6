package org.urna.hardware.printer.emulator;

import org.urna.hardware.printer.raster.BitImage;

/**
 * Reads ESC/POS commands one at a time from a byte source. Bytes that start no known command, and
 * parameters out of range, raise {@link EscPosSyntaxException}; reading then resumes at the next
 * byte, as a printer skips what it cannot parse.
 */
public final class EscPosCommandReader {

  /** The widest raster row (in bytes) and tallest band any supported model takes. */
  public static final int MAX_RASTER_WIDTH_BYTES = 255;

  public static final int MAX_RASTER_HEIGHT = 2400;

  /** The largest {@code GS ( k} parameter block: the QR store limit plus its header. */
  public static final int MAX_QR_BLOCK = 7092;

  private final ByteSource in;

  public EscPosCommandReader(ByteSource in) {
    this.in = in;
  }

  public EscPosCommand next() throws EscPosSyntaxException, ByteSource.EndOfInput {
    int b = in.next();
    return switch (b) {
      case 0x0a -> new EscPosCommand.LineFeed();
      case 0x0d -> new EscPosCommand.CarriageReturn();
      case 0x1b -> esc();
      case 0x1d -> gs();
      case 0x10 -> dle();
      default -> {
        if (b < 0x20) {
          throw error("Control byte 0x" + Integer.toHexString(b) + " is no supported command");
        }
        yield new EscPosCommand.Printable(b);
      }
    };
  }

  private EscPosCommand esc() throws EscPosSyntaxException, ByteSource.EndOfInput {
    int c = in.next();
    return switch (c) {
      case '@' -> new EscPosCommand.Initialize();
      case 't' -> new EscPosCommand.SelectCodePage(in.next());
      case 'E' -> new EscPosCommand.Emphasis((in.next() & 1) == 1);
      case 'a' -> {
        int n = in.next();
        int position = n >= '0' ? n - '0' : n;
        if (position < 0 || position > 2) {
          throw error("ESC a takes 0, 1 or 2");
        }
        yield new EscPosCommand.Justify(position);
      }
      case 'd' -> new EscPosCommand.FeedLines(in.next());
      case '2' -> new EscPosCommand.LineSpacing(-1);
      case '3' -> new EscPosCommand.LineSpacing(in.next());
      default -> throw error("ESC 0x" + Integer.toHexString(c) + " is no supported command");
    };
  }

  private EscPosCommand gs() throws EscPosSyntaxException, ByteSource.EndOfInput {
    int c = in.next();
    return switch (c) {
      case '!' -> {
        int n = in.next();
        int w = ((n >> 4) & 0x0f) + 1;
        int h = (n & 0x0f) + 1;
        if (w > 8 || h > 8) {
          throw error("GS ! size factors are 1 to 8");
        }
        yield new EscPosCommand.CharacterSize(w, h);
      }
      case 'B' -> new EscPosCommand.Reverse((in.next() & 1) == 1);
      case 'L' -> new EscPosCommand.LeftMargin(in.next() | (in.next() << 8));
      case 'W' -> new EscPosCommand.PrintAreaWidth(in.next() | (in.next() << 8));
      case 'a' -> new EscPosCommand.AutoStatusBack(in.next());
      case 'V' -> cut();
      case 'v' -> raster();
      case '(' -> extended();
      default -> throw error("GS 0x" + Integer.toHexString(c) + " is no supported command");
    };
  }

  private EscPosCommand dle() throws EscPosSyntaxException, ByteSource.EndOfInput {
    int c = in.next();
    if (c != 0x04) {
      throw error("DLE 0x" + Integer.toHexString(c) + " is no supported command");
    }
    int n = in.next();
    if (n < 1 || n > 4) {
      throw error("DLE EOT takes 1 to 4");
    }
    return new EscPosCommand.RealtimeStatusRequest(n);
  }

  private EscPosCommand cut() throws EscPosSyntaxException, ByteSource.EndOfInput {
    int m = in.next();
    return switch (m) {
      case 0, '0' -> new EscPosCommand.Cut(false, 0);
      case 1, '1' -> new EscPosCommand.Cut(true, 0);
      case 65 -> new EscPosCommand.Cut(false, in.next());
      case 66 -> new EscPosCommand.Cut(true, in.next());
      default -> throw error("GS V mode " + m + " is not supported");
    };
  }

  private EscPosCommand raster() throws EscPosSyntaxException, ByteSource.EndOfInput {
    if (in.next() != '0') {
      throw error("Only GS v 0 raster images are supported");
    }
    int mode = in.next();
    int m = mode >= '0' ? mode - '0' : mode;
    if (m < 0 || m > 3) {
      throw error("GS v 0 mode must be 0 to 3");
    }
    int widthBytes = in.next() | (in.next() << 8);
    int height = in.next() | (in.next() << 8);
    if (widthBytes < 1 || widthBytes > MAX_RASTER_WIDTH_BYTES) {
      throw error("Raster width of " + widthBytes + " bytes is out of range");
    }
    if (height < 1 || height > MAX_RASTER_HEIGHT) {
      throw error("Raster height of " + height + " rows is out of range");
    }
    byte[] data = new byte[widthBytes * height];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) in.next();
    }
    return new EscPosCommand.RasterImage(m, new BitImage(widthBytes, height, data));
  }

  private EscPosCommand extended() throws EscPosSyntaxException, ByteSource.EndOfInput {
    if (in.next() != 'k') {
      throw error("Only GS ( k (QR code) is supported among GS ( commands");
    }
    int length = in.next() | (in.next() << 8);
    if (length < 2 || length > MAX_QR_BLOCK) {
      throw error("GS ( k parameter length " + length + " is out of range");
    }
    int cn = in.next();
    int fn = in.next();
    byte[] params = new byte[length - 2];
    for (int i = 0; i < params.length; i++) {
      params[i] = (byte) in.next();
    }
    if (cn != '1') {
      throw error("GS ( k symbol type " + cn + " is not supported (only QR, 49)");
    }
    return switch (fn) {
      case 'A' -> {
        need(params, 2, "QR model");
        yield new EscPosCommand.QrModel(params[0] & 0xff);
      }
      case 'C' -> {
        need(params, 1, "QR module size");
        int dots = params[0] & 0xff;
        if (dots < 1 || dots > 16) {
          throw error("QR module size " + dots + " is out of range");
        }
        yield new EscPosCommand.QrModuleSize(dots);
      }
      case 'E' -> {
        need(params, 1, "QR error correction");
        int level = params[0] & 0xff;
        if (level < 48 || level > 51) {
          throw error("QR error correction " + level + " is out of range");
        }
        yield new EscPosCommand.QrErrorCorrection(level);
      }
      case 'P' -> {
        if (params.length < 2 || params[0] != '0') {
          throw error("QR store needs m = 48 and at least one byte");
        }
        yield new EscPosCommand.QrStore(java.util.Arrays.copyOfRange(params, 1, params.length));
      }
      case 'Q' -> {
        need(params, 1, "QR print");
        yield new EscPosCommand.QrPrint();
      }
      default -> throw error("GS ( k function " + fn + " is not supported");
    };
  }

  private void need(byte[] params, int count, String what) throws EscPosSyntaxException {
    if (params.length != count) {
      throw error(what + " takes " + count + " parameter bytes");
    }
  }

  private EscPosSyntaxException error(String message) {
    return new EscPosSyntaxException(in.position(), message);
  }
}
