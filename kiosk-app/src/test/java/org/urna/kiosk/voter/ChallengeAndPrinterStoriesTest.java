package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.kiosk.demo.DemoElection;
import org.urna.kiosk.paper.PaperDocument;
import org.urna.kiosk.paper.PrinterFault;

class ChallengeAndPrinterStoriesTest extends KioskStory {

  @Test
  void voterChallengesTheBallotThenCastsANewOne() {
    activate(DemoElection.REFERENDUM_STYLE);
    tap("start");
    tap("sel-yes");
    tap("next");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    tap("challenge");
    waitFor("screen-challenged");

    assertThat(rig.states()).containsExactly(BallotState.CHALLENGED);
    RecordedBallot challenged = rig.recorded().getFirst();
    assertThat(challenged.reveal().claimed().chosen("amendments")).containsExactly("yes");
    var reencrypted =
        new BallotEncryptor(KioskRig.ELECTION.manifest, KioskRig.ELECTION.key)
            .encrypt(
                challenged.reveal().claimed(),
                challenged.ballotId(),
                DemoElection.STATION,
                challenged.ballot().epochHour(),
                challenged.reveal().seed());
    assertThat(reencrypted.toBytes())
        .as("anyone can re-encrypt the revealed choices with the revealed seed")
        .isEqualTo(challenged.ballot().toBytes());
    assertThat(rig.printedKinds()).containsExactly("paper-record", "void");
    PaperDocument.VoidMark voidMark =
        (PaperDocument.VoidMark) rig.printer.pages().getLast().document();
    assertThat(voidMark.trackingCode()).isEqualTo(challenged.code().display());
    assertThat(shownTexts()).anyMatch(t -> t.contains(challenged.code().display()));

    tap("vote-again");
    waitFor("screen-review");
    tap("edit-amendments");
    tap("sel-yes");
    tap("sel-no");
    tap("next");
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    tap("cast");
    waitFor("screen-cast");

    assertThat(rig.states()).containsExactly(BallotState.CHALLENGED, BallotState.CAST);
    RecordedBallot cast = rig.recorded().getLast();
    assertThat(cast.ballotId()).isNotEqualTo(challenged.ballotId());
    assertThat(cast.previous()).as("one chain").isEqualTo(challenged.code());
    assertThat(rig.tally())
        .as("the challenged ballot is never counted")
        .containsEntry("amendments/yes", 0L)
        .containsEntry("amendments/no", 1L);
  }

  @Test
  void printerRunsOutOfPaperDuringThePaperRecordAndNothingIsCast() {
    activate(DemoElection.FULL_STYLE);
    tap("start");
    tap("sel-yes");
    tap("next");
    tap("sel-mayor-2");
    tap("next");
    tap("next");
    waitFor("screen-review");
    rig.printer.failWith(PrinterFault.PAPER_OUT);
    tap("print");
    waitFor("screen-printer-fault");

    assertThat(shownTexts())
        .contains("Принтер остановился")
        .anyMatch(t -> t.contains("Голос не учтён"))
        .anyMatch(t -> t.contains("в принтере кончилась бумага"));
    assertThat(rig.printer.pages()).isEmpty();
    assertThat(rig.states())
        .as("the unprinted ballot is voided, never cast")
        .containsExactly(BallotState.CHALLENGED);
    assertThat(rig.tally()).containsEntry("amendments/yes", 0L).containsEntry("mayor/mayor-2", 0L);
    assertThat(rig.pending()).isZero();

    rig.printer.repair();
    tap("retry");
    waitFor("screen-review");
    assertThat(shownTexts()).anyMatch(t -> t.contains("Ринат Фаридович Хайруллин"));
    tap("print");
    waitFor("screen-check");
    tap("cast");
    waitFor("screen-cast");
    assertThat(rig.states()).containsExactly(BallotState.CHALLENGED, BallotState.CAST);
    assertThat(rig.tally()).containsEntry("amendments/yes", 1L).containsEntry("mayor/mayor-2", 1L);
  }

  @Test
  void pollWorkerEndsTheSessionAfterAPrinterFault() {
    activate(DemoElection.REFERENDUM_STYLE);
    tap("start");
    tap("sel-no");
    tap("next");
    rig.printer.failWith(PrinterFault.COVER_OPEN);
    tap("print");
    waitFor("screen-printer-fault");
    tap("end");
    waitFor("screen-waiting");
    assertThat(vm().holdsVoterData()).isFalse();
    assertThat(rig.tally()).containsEntry("amendments/no", 0L);
    assertThat(rig.states()).containsExactly(BallotState.CHALLENGED);
  }
}
