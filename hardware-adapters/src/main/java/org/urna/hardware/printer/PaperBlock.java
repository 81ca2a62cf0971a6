package org.urna.hardware.printer;

import java.util.Objects;

/** One element of a printed paper, independent of the printer's command language. */
public sealed interface PaperBlock {

  /** How a run of text looks. */
  enum TextSize {
    /** Body text: double height (about 6 mm a line, well over 10 pt). */
    NORMAL(1, 2),
    /** Headings: double width and height. */
    LARGE(2, 2),
    /** Banners such as VOID: four times width and height. */
    HUGE(4, 4);

    private final int widthFactor;
    private final int heightFactor;

    TextSize(int widthFactor, int heightFactor) {
      this.widthFactor = widthFactor;
      this.heightFactor = heightFactor;
    }

    public int widthFactor() {
      return widthFactor;
    }

    public int heightFactor() {
      return heightFactor;
    }
  }

  enum Align {
    LEFT,
    CENTER
  }

  /**
   * A paragraph of already-localized text; the printer wraps it at word boundaries.
   *
   * @param reverse white on black (used for the VOID banner)
   */
  record Text(String text, TextSize size, boolean bold, Align align, boolean reverse)
      implements PaperBlock {
    public Text {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(size, "size");
      Objects.requireNonNull(align, "align");
      if (text.isBlank()) {
        throw new IllegalArgumentException("A text block needs some text");
      }
      if (text.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
        throw new IllegalArgumentException("Text must not carry control characters");
      }
    }

    public static Text body(String text) {
      return new Text(text, TextSize.NORMAL, false, Align.LEFT, false);
    }

    public static Text heading(String text) {
      return new Text(text, TextSize.LARGE, true, Align.CENTER, false);
    }
  }

  /**
   * A QR code of an ASCII payload.
   *
   * @param moduleDots printed size of one QR module in dots (3–8)
   */
  record QrCode(String payload, int moduleDots) implements PaperBlock {
    public QrCode {
      Objects.requireNonNull(payload, "payload");
      if (payload.isEmpty() || payload.length() > 1000) {
        throw new IllegalArgumentException("A QR payload has 1 to 1000 characters");
      }
      if (!payload.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("A QR payload must be printable ASCII");
      }
      if (moduleDots < 3 || moduleDots > 8) {
        throw new IllegalArgumentException("QR module size must be 3 to 8 dots");
      }
    }
  }

  /** A horizontal line across the paper. */
  record Rule() implements PaperBlock {}

  /** Blank lines. */
  record Feed(int lines) implements PaperBlock {
    public Feed {
      if (lines < 1 || lines > 20) {
        throw new IllegalArgumentException("Feed 1 to 20 lines");
      }
    }
  }
}
