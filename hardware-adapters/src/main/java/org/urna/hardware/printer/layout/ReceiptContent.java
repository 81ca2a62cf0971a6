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
 * @param policyPin the SHA-256 (64 hex digits) of the validators' trust policy the kiosk trusts, or
 *     null; the QR code's address pins it ({@code #policy-sha256=}) so that the page checks the
 *     proof against the election's validators, not whatever the server it reaches says
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
    String lookupHint,
    String policyPin) {

  /** A receipt whose address pins no trust policy. */
  public ReceiptContent(
      String title,
      String stationLabel,
      String station,
      String timeLabel,
      LocalDateTime castHour,
      String trackingCodeLabel,
      String trackingCode,
      URI lookupPage,
      String lookupHint) {
    this(
        title,
        stationLabel,
        station,
        timeLabel,
        castHour,
        trackingCodeLabel,
        trackingCode,
        lookupPage,
        lookupHint,
        null);
  }

  public ReceiptContent {
    if (policyPin != null && !policyPin.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("A policy pin is 64 lower-case hex digits");
    }
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

  /**
   * What the receipt's QR code carries: the lookup page with the code as a query, and the trust
   * policy's fingerprint as the fragment when there is one.
   */
  public String lookupUrl() {
    return lookupPage.toASCIIString()
        + "?code="
        + trackingCode
        + (policyPin == null ? "" : "#policy-sha256=" + policyPin);
  }
}
