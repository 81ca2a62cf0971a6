package org.urna.kiosk.voter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.kiosk.demo.DemoElection;
import org.urna.kiosk.paper.PaperDocument;
import org.urna.kiosk.paper.PaperDocuments;

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
    PaperDocument.VoidedRecord voided = (PaperDocument.VoidedRecord) rig.lastPrinted();
    assertThat(voided.challengedSlip().trackingCode()).isEqualTo(challenged.code().shortForm());
    assertThat(rig.device.emulator().paper().text()).contains("ПОГАШЕН");
    assertThat(shownTexts()).anyMatch(t -> t.contains(PaperDocuments.readAloud(challenged)));

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
    rig.device.emulator().setPaperOut(true);
    tap("print");
    waitFor("screen-printer-fault");

    assertThat(shownTexts())
        .contains("Принтер остановился")
        .anyMatch(t -> t.contains("Голос не учтён"))
        .anyMatch(t -> t.contains("в принтере кончилась бумага"));
    assertThat(rig.printedKinds()).isEmpty();
    assertThat(rig.states())
        .as("the unprinted ballot is voided, never cast")
        .containsExactly(BallotState.CHALLENGED);
    assertThat(rig.tally()).containsEntry("amendments/yes", 0L).containsEntry("mayor/mayor-2", 0L);
    assertThat(rig.pending()).isZero();

    rig.device.emulator().setPaperOut(false);
    assertThat(lookup("#retry").queryButton().isDisabled())
        .as("a voter cannot press the poll worker's button")
        .isTrue();
    assertThat(lookup("#end").queryButton().isDisabled()).isTrue();
    interact(() -> vm().session().retryByPollWorker());
    assertThat(vm().state()).isInstanceOf(org.urna.kiosk.station.StationState.PrinterFailed.class);
    interact(() -> vm().setPollWorkerPresent(true));
    waitUntilEnabled("retry");
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
    rig.device.emulator().setCoverOpen(true);
    tap("print");
    waitFor("screen-printer-fault");
    interact(() -> vm().session().endByPollWorker());
    assertThat(vm().holdsVoterData()).as("a voter cannot end the session").isTrue();
    interact(() -> vm().setPollWorkerPresent(true));
    waitUntilEnabled("end");
    tap("end");
    waitFor("screen-waiting");
    assertThat(vm().holdsVoterData()).isFalse();
    assertThat(rig.tally()).containsEntry("amendments/no", 0L);
    assertThat(rig.states()).containsExactly(BallotState.CHALLENGED);
  }
}
