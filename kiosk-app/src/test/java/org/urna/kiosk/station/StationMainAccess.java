package org.urna.kiosk.station;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Lets tests in other packages run the station's command line with captured output. */
public final class StationMainAccess {
  private StationMainAccess() {}

  public static int run(List<String> args, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return StationMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }
}
