package org.urna.hardware.printer.layout;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.urna.hardware.printer.Paper;
import org.urna.hardware.printer.PaperBlock;
import org.urna.hardware.printer.PaperBlock.Align;
import org.urna.hardware.printer.PaperBlock.Text;
import org.urna.hardware.printer.PaperBlock.TextSize;

/**
 * Every paper Urna prints, from content to blocks. The layouts decide what goes where; the driver
 * decides how a model prints it (code page or raster, native QR or raster). docs/spec/paper.md
 * describes each layout and the QR payloads.
 */
public final class PaperLayouts {

  /** Dots per QR module: 0.5–0.6 mm at 203 dpi, which phone cameras and hand scanners read. */
  static final int QR_MODULE_DOTS = 5;

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private PaperLayouts() {}

  /** The voter-verified paper record: election, ballot id, every contest and its choices, QR. */
  public static Paper paperRecord(PaperRecordContent c) {
    return paperRecord(c, false);
  }

  /** The paper record of a challenged ballot: VOID banners and the QR mark V. */
  public static Paper voidedPaperRecord(PaperRecordContent c) {
    return paperRecord(c, true);
  }

  private static Paper paperRecord(PaperRecordContent c, boolean voided) {
    List<PaperBlock> b = new ArrayList<>();
    if (voided) {
      b.add(voidBanner(c.voidText()));
    }
    b.add(Text.heading(c.electionTitle()));
    b.add(Text.body(c.ballotIdLabel() + ": " + c.ballotId()));
    b.add(new PaperBlock.Rule());
    for (ContestChoice contest : c.contests()) {
      String title = voided ? c.voidText() + " - " + contest.title() : contest.title();
      b.add(new Text(title, TextSize.NORMAL, true, Align.LEFT, false));
      if (contest.selections().isEmpty()) {
        b.add(Text.body("  " + c.noSelectionText()));
      }
      for (Selection s : contest.selections()) {
        b.add(Text.body("> " + s.name()));
        if (!s.detail().isEmpty()) {
          b.add(Text.body("  " + s.detail()));
        }
      }
      b.add(new PaperBlock.Feed(1));
    }
    b.add(new PaperBlock.Rule());
    b.add(new PaperBlock.QrCode(PaperRecordQr.of(c, voided).encode(), QR_MODULE_DOTS));
    if (voided) {
      b.add(voidBanner(c.voidText()));
    } else {
      b.add(new Text(c.checkHint(), TextSize.NORMAL, false, Align.CENTER, false));
    }
    return new Paper(voided ? "void paper record" : "paper record", b);
  }

  private static Text voidBanner(String voidText) {
    return new Text(" " + voidText + " ", TextSize.HUGE, true, Align.CENTER, true);
  }

  /** The take-home receipt: station, the hour, the tracking code in blocks, a lookup QR. */
  public static Paper receipt(ReceiptContent c) {
    LocalDateTime from = c.castHour();
    String hour =
        DAY.format(from)
            + " "
            + String.format("%02d:00-%02d:00", from.getHour(), (from.getHour() + 1) % 24);
    List<PaperBlock> b = new ArrayList<>();
    b.add(Text.heading(c.title()));
    b.add(Text.body(c.stationLabel() + ": " + c.station()));
    b.add(Text.body(c.timeLabel() + ": " + hour));
    b.add(new PaperBlock.Rule());
    b.add(new Text(c.trackingCodeLabel(), TextSize.NORMAL, true, Align.CENTER, false));
    b.add(new Text(c.groupedTrackingCode(), TextSize.LARGE, true, Align.CENTER, false));
    b.add(new PaperBlock.Feed(1));
    b.add(new PaperBlock.QrCode(c.lookupUrl(), QR_MODULE_DOTS));
    b.add(new Text(c.lookupHint(), TextSize.NORMAL, false, Align.CENTER, false));
    b.add(new Text(c.lookupPage().toASCIIString(), TextSize.NORMAL, false, Align.CENTER, false));
    return new Paper("receipt", b);
  }

  /** The zero report printed when polls open; refuses any count that is not zero. */
  public static Paper zeroReport(PollReportContent c) {
    c.requireAllZero();
    return report(c, "zero report");
  }

  /** The closing report: counts of cast and challenged ballots and the last tracking code. */
  public static Paper closingReport(PollReportContent c) {
    return report(c, "closing report");
  }

  private static Paper report(PollReportContent c, String name) {
    List<PaperBlock> b = new ArrayList<>();
    b.add(Text.heading(c.title()));
    b.add(new Text(c.electionTitle(), TextSize.NORMAL, true, Align.CENTER, false));
    b.add(Text.body(c.stationLabel() + ": " + c.station()));
    b.add(Text.body(c.timeLabel() + ": " + TIME.format(c.time())));
    b.add(new PaperBlock.Rule());
    for (Count count : c.counts()) {
      b.add(
          new Text(count.label() + ": " + count.value(), TextSize.NORMAL, true, Align.LEFT, false));
    }
    c.lastTrackingCode()
        .ifPresent(
            code -> {
              b.add(new PaperBlock.Rule());
              b.add(Text.body(c.lastTrackingCodeLabel() + ":"));
              b.add(new Text(grouped(code), TextSize.NORMAL, true, Align.CENTER, false));
            });
    b.add(new PaperBlock.Rule());
    for (int i = 0; i < 2; i++) {
      b.add(new PaperBlock.Feed(2));
      b.add(Text.body(c.signatureLabel() + ": ____________________"));
    }
    return new Paper(name, b);
  }

  /** The technician's test page: each sample line, every text size, a ruler and a QR code. */
  public static Paper testPage(TestPageContent c) {
    List<PaperBlock> b = new ArrayList<>();
    b.add(Text.heading(c.title()));
    b.add(new PaperBlock.Rule());
    for (String sample : c.samples()) {
      b.add(Text.body(sample));
    }
    b.add(new PaperBlock.Rule());
    b.add(new Text("Aa Bb 123", TextSize.NORMAL, false, Align.LEFT, false));
    b.add(new Text("Aa Bb 123", TextSize.NORMAL, true, Align.LEFT, false));
    b.add(new Text("Aa Bb 123", TextSize.LARGE, true, Align.LEFT, false));
    b.add(new Text("Aa Bb 123", TextSize.NORMAL, true, Align.CENTER, true));
    // A ruler as wide as the narrowest paper's text (28 columns between the margins on 58 mm).
    b.add(Text.body("123456789012345678901234567|"));
    b.add(new PaperBlock.QrCode(c.qrPayload(), QR_MODULE_DOTS));
    return new Paper("test page", b);
  }

  static String grouped(String code) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < code.length(); i += 4) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(code, i, Math.min(code.length(), i + 4));
    }
    return sb.toString();
  }
}
