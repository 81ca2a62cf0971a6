package org.urna.kiosk.service;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.urna.hardware.printer.Paper;
import org.urna.hardware.printer.PaperBlock;
import org.urna.hardware.printer.PaperBlock.Align;
import org.urna.hardware.printer.PaperBlock.Text;
import org.urna.hardware.printer.PaperBlock.TextSize;

/**
 * The printed readiness report: the station, the time, one line per diagnostic (PASS or FAIL, its
 * name, its detail), the overall verdict, a technician's signature line and a QR code of the
 * summary ({@code urna-readiness <station> <time> <passed>/<total>}).
 */
public final class ReadinessReport {
  private ReadinessReport() {}

  public static Paper paper(
      String stationId, Instant time, ZoneId zone, List<Check> checks, String language) {
    Words w = new Words(language);
    List<PaperBlock> b = new ArrayList<>();
    String at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(time.atZone(zone));
    b.add(Text.heading(w.t("report.title")));
    b.add(Text.body(w.t("report.station", stationId)));
    b.add(Text.body(w.t("report.time", at + " " + zone.getId())));
    b.add(new PaperBlock.Rule());
    long passed = checks.stream().filter(Check::passed).count();
    for (Check c : checks) {
      String mark = c.passed() ? w.t("mark.pass") : w.t("mark.fail");
      b.add(new Text(mark + " " + c.name(), TextSize.NORMAL, true, Align.LEFT, false));
      if (!c.detail().isBlank()) {
        b.add(Text.body(printable(c.detail())));
      }
    }
    b.add(new PaperBlock.Rule());
    boolean ready = passed == checks.size();
    b.add(
        new Text(
            ready ? w.t("report.ready") : w.t("report.notReady", checks.size() - passed),
            TextSize.NORMAL,
            true,
            Align.CENTER,
            !ready));
    b.add(new PaperBlock.Feed(2));
    b.add(Text.body(w.t("report.signature") + ": ____________________"));
    b.add(new PaperBlock.QrCode(qrPayload(stationId, time, passed, checks.size()), 4));
    return new Paper("readiness report", b);
  }

  /** What the report's QR code says. */
  public static String qrPayload(String stationId, Instant time, long passed, int total) {
    return "urna-readiness " + stationId + " " + time.getEpochSecond() + " " + passed + "/" + total;
  }

  /** Text blocks carry no control characters. */
  private static String printable(String s) {
    return s.replaceAll("\\p{Cntrl}", " ");
  }
}
