package org.urna.hardware.printer;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What differs between printer models: the numbers their {@code ESC t n} gives each code page,
 * whether they print QR codes themselves, cut, report status, and how wide and how tall a raster
 * band may be.
 *
 * @param model a name for logs and configuration ("epson-tm-t20")
 * @param dotsPerLine printable width in dots (384 for 58 mm paper, 512 or 576 for 80 mm)
 * @param codePages code page number for {@code ESC t n} to the character set it selects, in the
 *     order the driver tries them
 * @param nativeQr whether {@code GS ( k} QR printing is supported (else QR goes out as raster)
 * @param cutter whether the model has an auto-cutter
 * @param statusQueries which {@code DLE EOT n} queries the model answers (1 to 4)
 * @param autoStatusBack whether the model sends automatic status back ({@code GS a})
 * @param rasterBandRows the tallest {@code GS v 0} image the model's buffer takes at once
 */
public record PrinterProfile(
    String model,
    int dotsPerLine,
    Map<Integer, Charset> codePages,
    boolean nativeQr,
    boolean cutter,
    List<Integer> statusQueries,
    boolean autoStatusBack,
    int rasterBandRows) {

  public PrinterProfile {
    Objects.requireNonNull(model, "model");
    if (dotsPerLine != 384 && dotsPerLine != 512 && dotsPerLine != 576) {
      throw new IllegalArgumentException("Dots per line must be 384, 512 or 576");
    }
    codePages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(codePages));
    if (codePages.isEmpty()) {
      throw new IllegalArgumentException("A profile needs at least one code page");
    }
    codePages.forEach(
        (n, cs) -> {
          if (n < 0 || n > 255) {
            throw new IllegalArgumentException("Code page numbers are 0 to 255");
          }
        });
    statusQueries = List.copyOf(statusQueries);
    if (statusQueries.isEmpty() || !statusQueries.stream().allMatch(n -> n >= 1 && n <= 4)) {
      throw new IllegalArgumentException("Status queries are DLE EOT 1 to 4, at least one");
    }
    if (rasterBandRows < 24 || rasterBandRows > 256) {
      throw new IllegalArgumentException("A raster band has 24 to 256 rows");
    }
  }

  private static Map<Integer, Charset> pages(Object... numberAndName) {
    Map<Integer, Charset> m = new LinkedHashMap<>();
    for (int i = 0; i < numberAndName.length; i += 2) {
      m.put((Integer) numberAndName[i], Charset.forName((String) numberAndName[i + 1]));
    }
    return m;
  }

  /** Epson TM-T20 class, 80 mm: CP866 = 17, WPC1251 = 46, native QR, cutter, all statuses. */
  public static final PrinterProfile EPSON_TM_T20 =
      new PrinterProfile(
          "epson-tm-t20",
          576,
          pages(0, "IBM437", 17, "IBM866", 46, "windows-1251"),
          true,
          true,
          List.of(1, 2, 3, 4),
          true,
          256);

  /** Star in ESC/POS mode, 80 mm at 512 dots: CP866 = 10, WPC1251 = 34, QR printed as raster. */
  public static final PrinterProfile STAR_TSP100_ESCPOS =
      new PrinterProfile(
          "star-tsp100-escpos",
          512,
          pages(0, "IBM437", 10, "IBM866", 34, "windows-1251"),
          false,
          true,
          List.of(1, 2, 3, 4),
          true,
          192);

  /** A cheap 58 mm panel printer: CP866 = 17 only, no QR engine, no cutter, no status back. */
  public static final PrinterProfile GENERIC_58MM =
      new PrinterProfile(
          "generic-58mm",
          384,
          pages(0, "IBM437", 17, "IBM866"),
          false,
          false,
          List.of(1, 2, 4),
          false,
          128);

  public static List<PrinterProfile> known() {
    return List.of(EPSON_TM_T20, STAR_TSP100_ESCPOS, GENERIC_58MM);
  }

  /** The known profile of that model name. */
  public static java.util.Optional<PrinterProfile> byModel(String model) {
    return known().stream().filter(p -> p.model().equals(model)).findFirst();
  }
}
