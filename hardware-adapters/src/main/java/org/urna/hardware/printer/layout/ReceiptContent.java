package org.urna.hardware.printer.layout;

import java.net.URI;
import java.time.LocalDateTime;

/**
 * The take-home receipt: no choices on it, only what lets the voter find the ballot on the ledger.
 *
 * @param castHour the hour the ballot was cast (minutes and seconds must be zero: a coarse time
 *     does not link a voter in the queue to a ballot)
 * @param trackingCode letters and digits only; printed in blocks of four for reading aloud
 * @param lookupPage the ledger's lookup page; the QR code carries it with the tracking code
 */
public record ReceiptContent(
    String title,
    String stationLabel,
    String station,
    String timeLabel,
    LocalDateTime castHour,
    String trackingCodeLabel,
    String trackingCode,
    URI lookupPage,
    String lookupHint) {

  public ReceiptContent {
    title = Ids.text(title, "The receipt title");
    stationLabel = Ids.text(stationLabel, "The station label");
    station = Ids.text(station, "The station");
    timeLabel = Ids.text(timeLabel, "The time label");
    if (castHour.getMinute() != 0 || castHour.getSecond() != 0 || castHour.getNano() != 0) {
      throw new IllegalArgumentException("A receipt shows the hour only");
    }
    trackingCodeLabel = Ids.text(trackingCodeLabel, "The tracking code label");
    if (trackingCode == null || !trackingCode.matches("[A-Za-z0-9]{8,128}")) {
      throw new IllegalArgumentException("A tracking code is 8 to 128 letters and digits");
    }
    String scheme = lookupPage.getScheme();
    if (scheme == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException("The lookup page must be an http(s) address");
    }
    if (!lookupPage.toASCIIString().equals(lookupPage.toString())
        || lookupPage.getRawQuery() != null
        || lookupPage.getRawFragment() != null) {
      throw new IllegalArgumentException("The lookup page must be a plain ASCII address");
    }
    lookupHint = Ids.text(lookupHint, "The lookup hint");
  }

  /** The code in blocks of four: "A1B2 C3D4 ...". */
  public String groupedTrackingCode() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < trackingCode.length(); i += 4) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(trackingCode, i, Math.min(trackingCode.length(), i + 4));
    }
    return sb.toString();
  }

  /** What the receipt's QR code carries: the lookup page with the code as a query. */
  public String lookupUrl() {
    return lookupPage.toASCIIString() + "?code=" + trackingCode;
  }
}
