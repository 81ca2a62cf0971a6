package org.urna.hardware.printer.layout;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A poll report: the zero report when polls open, the closing report when they close.
 *
 * @param lastTrackingCode the closing report's last tracking code (empty on a zero report)
 * @param signatureLabel the line poll workers sign under
 */
public record PollReportContent(
    String title,
    String electionTitle,
    String stationLabel,
    String station,
    String timeLabel,
    LocalDateTime time,
    List<Count> counts,
    String lastTrackingCodeLabel,
    Optional<String> lastTrackingCode,
    String signatureLabel) {

  public PollReportContent {
    title = Ids.text(title, "The report title");
    electionTitle = Ids.text(electionTitle, "The election title");
    stationLabel = Ids.text(stationLabel, "The station label");
    station = Ids.text(station, "The station");
    timeLabel = Ids.text(timeLabel, "The time label");
    java.util.Objects.requireNonNull(time, "time");
    counts = List.copyOf(counts);
    if (counts.isEmpty()) {
      throw new IllegalArgumentException("A poll report shows at least one count");
    }
    lastTrackingCodeLabel = Ids.text(lastTrackingCodeLabel, "The tracking code label");
    lastTrackingCode.ifPresent(
        c -> {
          if (!c.matches("[A-Za-z0-9]{8,128}")) {
            throw new IllegalArgumentException("A tracking code is 8 to 128 letters and digits");
          }
        });
    signatureLabel = Ids.text(signatureLabel, "The signature label");
  }

  /** A zero report refuses any count that is not zero: it would certify an empty box falsely. */
  public void requireAllZero() {
    for (Count c : counts) {
      if (c.value() != 0) {
        throw new IllegalStateException(
            "A zero report cannot be printed: '" + c.label() + "' is " + c.value() + ", not 0");
      }
    }
  }
}
