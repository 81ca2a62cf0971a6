package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotState;
import org.urna.hardware.printer.layout.PaperRecordQr;
import org.urna.hardware.printer.layout.Selection;
import org.urna.kiosk.demo.DemoElection;
import org.urna.kiosk.paper.PaperDocument;
import org.urna.kiosk.paper.PaperDocuments;

class CastStoriesTest extends KioskStory {

  @Test
  void voterCastsReferendumBallotAndGetsReceipt() throws Exception {
    activate(DemoElection.REFERENDUM_STYLE);
    tap("start");
    waitFor("screen-contest-amendments");
    assertThat(shownTexts()).anyMatch(t -> t.startsWith("Вы одобряете изменения в Конституцию"));
    tap("sel-yes");
    assertThat(isSelected("yes")).isTrue();
    tap("next");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    assertThat(rig.printedKinds()).containsExactly("paper-record");
    PaperDocument.PaperRecord paper = (PaperDocument.PaperRecord) rig.lastPrinted();
    assertThat(paper.content().contests().getFirst().selections())
        .extracting(Selection::name)
        .containsExactly("Да");
    assertThat(rig.device.emulator().paper().text()).contains("Да");
    assertThat(rig.recorded()).as("nothing is cast before the voter decides").isEmpty();

    tap("cast");
    waitFor("screen-cast");

    assertThat(rig.states()).containsExactly(BallotState.CAST);
    assertThat(rig.tally()).containsEntry("amendments/yes", 1L).containsEntry("amendments/no", 0L);
    var recorded = rig.recorded().getFirst();
    PaperRecordQr qr =
        PaperRecordQr.decode(rig.device.emulator().paper().nativeQrPayloads().getFirst());
    assertThat(qr.ballotId()).isEqualTo(recorded.ballotId().toHex());
    assertThat(qr.choices()).containsEntry("amendments", List.of("yes"));
    assertThat(rig.printedKinds()).containsExactly("paper-record", "receipt");
    PaperDocument.Receipt receipt = (PaperDocument.Receipt) rig.lastPrinted();
    assertThat(receipt.content().trackingCode()).isEqualTo(recorded.code().shortForm());
    assertThat(rig.device.emulator().paper().nativeQrPayloads())
        .contains("https://ledger.example.org/t/?code=" + recorded.code().shortForm());
    assertThat(shownTexts()).anyMatch(t -> t.contains(PaperDocuments.readAloud(recorded)));
    assertThat(recorded.signedBy(KioskRig.ELECTION.stationKey.publicKey())).isTrue();

    tap("finish");
    waitFor("screen-waiting");
    assertThat(vm().holdsVoterData()).isFalse();
  }

  @Test
  void voterCastsMultiContestBallotWithAnUndervotedCouncil() {
    activate(DemoElection.FULL_STYLE);
    tap("lang-en");
    tap("start");
    waitFor("screen-contest-amendments");
    assertThat(shownTexts()).contains("Contest 1 of 3");
    tap("sel-no");
    tap("next");
    waitFor("screen-contest-mayor");
    tap("sel-mayor-3");
    tap("next");
    waitFor("screen-contest-council");
    assertThat(shownTexts()).anyMatch(t -> t.startsWith("Vote for up to 3 candidates"));
    tap("sel-council-2");
    tap("next");
    waitFor("screen-review");

    assertThat(lookup("#edit-council").query().getStyleClass()).contains("undervote");
    assertThat(lookup("#edit-mayor").query().getStyleClass()).doesNotContain("undervote");
    ReviewViewModel review = (ReviewViewModel) vm().screen();
    assertThat(review.spokenText()).contains("⚠ You may choose 2 more candidates.");

    tap("print");
    waitFor("screen-check");
    tap("cast");
    waitFor("screen-cast");

    assertThat(rig.states()).containsExactly(BallotState.CAST);
    assertThat(rig.tally())
        .containsEntry("amendments/no", 1L)
        .containsEntry("amendments/yes", 0L)
        .containsEntry("mayor/mayor-3", 1L)
        .containsEntry("mayor/mayor-1", 0L)
        .containsEntry("council/council-2", 1L)
        .containsEntry("council/council-1", 0L)
        .containsEntry("council/council-7", 0L);
  }

  @Test
  void voterHitsTheLimitAndIsToldWhyInsteadOfAMarkMoving() {
    activate(DemoElection.FULL_STYLE);
    tap("start");
    tap("next");
    tap("next");
    waitFor("screen-contest-council");
    assertThat(shownTexts()).anyMatch(t -> t.startsWith("Можно отметить не более 3 кандидатов"));
    tap("sel-council-1");
    tap("sel-council-2");
    tap("sel-council-3");
    tap("sel-council-5");

    waitFor("limit-notice");
    assertThat(isSelected("council-5")).isFalse();
    assertThat(List.of(isSelected("council-1"), isSelected("council-2"), isSelected("council-3")))
        .containsOnly(true);
    assertThat(shownTexts())
        .anyMatch(
            t -> t.startsWith("Здесь можно отметить не более 3 кандидатов. Чтобы выбрать «Ләйсән"));
    assertTouchTargets();
    tap("notice-ok");
    assertThat(lookup("#limit-notice").tryQuery()).isEmpty();

    tap("sel-council-1");
    tap("sel-council-5");
    assertThat(isSelected("council-5")).isTrue();
    assertThat(lookup("#limit-notice").tryQuery()).isEmpty();
    tap("next");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    tap("cast");
    waitFor("screen-cast");

    assertThat(rig.tally())
        .containsEntry("council/council-1", 0L)
        .containsEntry("council/council-2", 1L)
        .containsEntry("council/council-3", 1L)
        .containsEntry("council/council-5", 1L)
        .containsEntry("amendments/yes", 0L)
        .containsEntry("amendments/no", 0L);
  }

  @Test
  void voterChangesAChoiceFromReviewAndComesBackToReview() {
    activate(DemoElection.FULL_STYLE);
    tap("start");
    tap("sel-yes");
    tap("next");
    tap("sel-mayor-1");
    tap("next");
    tap("next");
    waitFor("screen-review");

    tap("edit-mayor");
    waitFor("screen-contest-mayor");
    assertThat(isSelected("mayor-1")).isTrue();
    tap("sel-mayor-1");
    tap("sel-mayor-4");
    assertThat(lookup("#next").queryButton().getText()).isEqualTo("Вернуться к проверке →");
    tap("next");
    waitFor("screen-review");
    assertThat(shownTexts()).anyMatch(t -> t.contains("Гүзәл Илдаровна Җәлилова"));

    tap("print");
    waitFor("screen-check");
    tap("cast");
    waitFor("screen-cast");
    assertThat(rig.tally())
        .containsEntry("mayor/mayor-1", 0L)
        .containsEntry("mayor/mayor-4", 1L)
        .containsEntry("amendments/yes", 1L);
  }

  @Test
  void voterSwitchesLanguageMidBallotAndKeepsSelections() {
    activate(DemoElection.FULL_STYLE);
    tap("start");
    tap("sel-no");
    tap("next");
    waitFor("screen-contest-mayor");
    tap("sel-mayor-2");
    assertThat(shownTexts()).contains("Раздел 2 из 3");

    tap("lang-en");
    assertThat(shownTexts()).contains("Contest 2 of 3");
    assertThat(isSelected("mayor-2")).isTrue();
    assertThat(shownTexts()).anyMatch(t -> t.contains("Rinat Faridovich Khayrullin"));
    tap("back");
    waitFor("screen-contest-amendments");
    assertThat(isSelected("no")).isTrue();
    assertThat(shownTexts()).anyMatch(t -> t.startsWith("Do you approve the changes"));

    tap("lang-tt");
    assertThat(shownTexts()).anyMatch(t -> t.contains("Юк"));
    assertThat(isSelected("no")).isTrue();
    tap("lang-en");
    tap("next");
    tap("next");
    tap("next");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    PaperDocument.PaperRecord paper = (PaperDocument.PaperRecord) rig.lastPrinted();
    assertThat(paper.content().ballotIdLabel()).isEqualTo("Ballot");
    assertThat(paper.content().contests().get(1).selections())
        .extracting(Selection::name)
        .containsExactly("Rinat Faridovich Khayrullin");
    tap("cast");
    waitFor("screen-cast");
    assertThat(rig.tally()).containsEntry("amendments/no", 1L).containsEntry("mayor/mayor-2", 1L);
  }
}
