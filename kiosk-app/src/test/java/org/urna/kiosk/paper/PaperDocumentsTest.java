package org.urna.kiosk.paper;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.SampleElection;
import org.urna.hardware.printer.layout.Selection;
import org.urna.kiosk.i18n.Messages;

class PaperDocumentsTest {
  private static final ElectionManifest MANIFEST = SampleElection.create().manifest();
  private static final String STATION = SampleElection.STATION_IDS.getFirst();
  private static final URI CONFIGURED = URI.create("https://configured.example/lookup");

  @Test
  void theElectionPackagesLookupPageWinsOverTheKiosksConfiguration() {
    assertThat(new PaperDocuments(MANIFEST, STATION, CONFIGURED, ZoneOffset.UTC).lookupPage())
        .isEqualTo(CONFIGURED);
    ElectionManifest signedWithPage = MANIFEST.withLookupPage("https://ledger.city.example/t");
    assertThat(new PaperDocuments(signedWithPage, STATION, CONFIGURED, ZoneOffset.UTC).lookupPage())
        .isEqualTo(URI.create("https://ledger.city.example/t"));
  }

  @Test
  void aChosenCandidatesPartyIsOnThePaperRecordInTheVotersLanguage() {
    PaperDocuments docs = new PaperDocuments(MANIFEST, STATION, CONFIGURED, ZoneOffset.UTC);
    PlaintextBallot ballot =
        new PlaintextBallot(
            SampleElection.STYLE_DISTRICT,
            Map.of("council-7", Set.of("petrov"), "amendments", Set.of()));
    BallotId id = BallotId.of(new byte[16]);

    Selection en =
        docs.paperRecord(ballot, id, Messages.of("en")).content().contests().stream()
            .flatMap(c -> c.selections().stream())
            .findFirst()
            .orElseThrow();
    Selection tt =
        docs.paperRecord(ballot, id, Messages.of("tt")).content().contests().stream()
            .flatMap(c -> c.selections().stream())
            .findFirst()
            .orElseThrow();

    assertThat(en.detail()).isEqualTo("civil engineer, Green City party");
    assertThat(tt.detail()).contains("«Яшел шәһәр» партиясе");
  }

  @Test
  void aReceiptCanBePointedAtTheDemoLedgersOwnPage() {
    var c =
        new org.urna.hardware.printer.layout.ReceiptContent(
            "Receipt",
            "Station",
            "1",
            "Time",
            java.time.LocalDateTime.of(2026, 9, 13, 14, 0),
            "Tracking code",
            "K7QX2M9PLR4TW8BZ",
            CONFIGURED,
            "Look it up");
    var moved =
        (PaperDocument.Receipt)
            PaperDocuments.withLookupPage(
                new PaperDocument.Receipt(c), URI.create("http://127.0.0.1:4711"));
    assertThat(moved.content().lookupUrl())
        .isEqualTo("http://127.0.0.1:4711/?code=K7QX2M9PLR4TW8BZ");
    assertThat(moved.content().trackingCode()).isEqualTo(c.trackingCode());
  }
}
