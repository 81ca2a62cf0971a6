package org.urna.hardware.printer.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.urna.hardware.printer.PaperBlock;
import org.urna.hardware.printer.SamplePapers;

class PaperLayoutsTest {

  @Test
  void paperRecordQrNamesTheBallotAndEveryChoiceInAscii() {
    var paper = PaperLayouts.paperRecord(SamplePapers.russianRecord());
    var qr =
        paper.blocks().stream()
            .filter(PaperBlock.QrCode.class::isInstance)
            .map(b -> ((PaperBlock.QrCode) b).payload())
            .findFirst()
            .orElseThrow();
    assertThat(qr)
        .isEqualTo(
            "URNA-PR1/"
                + SamplePapers.BALLOT_ID
                + "/P/mayor=cand-2;council-7=c7-1,c7-4;referendum-1=");
  }

  @Test
  void voidedRecordCarriesTheVoidMarkAndBanners() {
    var paper = PaperLayouts.voidedPaperRecord(SamplePapers.englishRecord());
    assertThat(paper.blocks())
        .filteredOn(b -> b instanceof PaperBlock.Text t && t.reverse() && t.text().contains("VOID"))
        .hasSize(2);
    assertThat(paper.blocks())
        .anyMatch(b -> b instanceof PaperBlock.QrCode q && q.payload().contains("/V/"));
  }

  @Test
  void undervotedContestSaysNoSelection() {
    var paper = PaperLayouts.paperRecord(SamplePapers.englishRecord());
    assertThat(paper.blocks())
        .anyMatch(b -> b instanceof PaperBlock.Text t && t.text().contains("No selection"));
  }

  @Test
  void zeroReportRefusesABallotBoxThatIsNotEmpty() {
    var z = SamplePapers.zeroReport();
    var notZero =
        new PollReportContent(
            z.title(),
            z.electionTitle(),
            z.stationLabel(),
            z.station(),
            z.timeLabel(),
            z.time(),
            List.of(new Count("Cast", 1)),
            z.lastTrackingCodeLabel(),
            Optional.empty(),
            z.signatureLabel());
    assertThatThrownBy(() -> PaperLayouts.zeroReport(notZero))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cast");
  }

  @Test
  void receiptShowsTheHourOnlyAndGroupsTheCode() {
    var r = SamplePapers.russianReceipt();
    assertThat(r.groupedTrackingCode()).isEqualTo("K7QX 2M9P LR4T W8BZ 3NC6 VDHJ");
    assertThatThrownBy(
            () ->
                new ReceiptContent(
                    r.title(),
                    r.stationLabel(),
                    r.station(),
                    r.timeLabel(),
                    LocalDateTime.of(2026, 9, 13, 14, 37),
                    r.trackingCodeLabel(),
                    r.trackingCode(),
                    r.lookupPage(),
                    r.lookupHint()))
        .hasMessageContaining("hour");
  }

  @Test
  void receiptRefusesALookupPageThatIsNotAPlainAddress() {
    var r = SamplePapers.russianReceipt();
    assertThatThrownBy(
            () ->
                new ReceiptContent(
                    r.title(),
                    r.stationLabel(),
                    r.station(),
                    r.timeLabel(),
                    r.castHour(),
                    r.trackingCodeLabel(),
                    r.trackingCode(),
                    URI.create("ftp://x/y"),
                    r.lookupHint()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCandidatesPartyIsPrintedUnderTheNameButNotInTheQr() {
    var content =
        new PaperRecordContent(
            "Election",
            SamplePapers.BALLOT_ID,
            List.of(
                new ContestChoice(
                    "mayor",
                    "Mayor",
                    List.of(new Selection("ivanov-1", "Ivan Ivanov", "Green City party")))),
            "Ballot",
            "No selection",
            "Check",
            "VOID");
    var texts =
        PaperLayouts.paperRecord(content).blocks().stream()
            .filter(PaperBlock.Text.class::isInstance)
            .map(b -> ((PaperBlock.Text) b).text())
            .toList();
    int name = texts.indexOf("> Ivan Ivanov");
    assertThat(name).isNotNegative();
    assertThat(texts.get(name + 1)).contains("Green City party");
    assertThat(PaperRecordQr.of(content, false).encode()).doesNotContain("Green");
  }
}
