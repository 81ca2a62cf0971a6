package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import org.urna.core.role.Role;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.hardware.printer.emulator.EscPosEmulator;

/**
 * The printer fails while a voter's paper record prints (its cover opens, its cutter jams); the
 * voter's ballot is voided, never cast without its paper record; a poll worker with card and PIN
 * lets the voter try again. The poll worker's card pulled in the middle of the recovery and put
 * back prints nothing by itself: the paper the emulator received is counted at every step.
 */
class PrinterRecoveryStoriesTest extends SimulatedStationStory {

  private boolean enabled(String id) {
    boolean[] b = new boolean[1];
    interact(() -> b[0] = lookup("#" + id).tryQuery().map(n -> !n.isDisabled()).orElse(false));
    return b[0];
  }

  private void waitEnabled(String id) throws Exception {
    WaitForAsyncUtils.waitFor(
        30,
        TimeUnit.SECONDS,
        () ->
            WaitForAsyncUtils.asyncFx(() -> lookup("#" + id).tryQuery()).get().isPresent()
                && enabled(id));
  }

  /** How many documents the printer has cut off the roll since the polls opened. */
  private int cuts() {
    return printer.emulator().paper().cuts();
  }

  private void recover(String name, Consumer<EscPosEmulator> fault, Consumer<EscPosEmulator> fix)
      throws Exception {
    VirtualPivCard card = authority.card(Role.POLL_WORKER).virtualCard();
    PollDay.signIn(this, card);
    tap("pw-load");
    tap("pw-load-confirm");
    tap("pw-home");
    tap("pw-open");
    waitFor("screen-done");
    printer.emulator().tearOff();
    tap("pw-home");
    tap("pw-activate");
    tap("pw-style-referendum-only");
    waitFor("screen-done");
    remove();
    waitFor("screen-language");
    tap("start");
    tap("sel-yes");
    tap("next");
    waitFor("screen-review");

    fault.accept(printer.emulator());
    tap("print");
    waitFor("screen-printer-fault");
    screenshot("printer-" + name + "-voter-" + language);
    assertThat(station.counts().cast()).as("nothing cast without its paper record").isZero();
    assertThat(enabled("retry")).as("a voter cannot retry alone").isFalse();
    int afterFault = cuts();
    fix.accept(printer.emulator());

    // the poll worker comes, then pulls the card in the middle of the recovery
    PollDay.signIn(this, card);
    waitFor("operator-voter-help");
    waitEnabled("retry");
    screenshot("printer-" + name + "-poll-worker-" + language);
    remove();
    waitFor("screen-printer-fault");
    assertThat(enabled("retry")).as("the card is out: no retry").isFalse();
    assertThat(cuts()).as("nothing printed when the card left").isEqualTo(afterFault);

    // the card back in: still nothing printed until the retry is asked for
    PollDay.signIn(this, card);
    waitEnabled("retry");
    Thread.sleep(500);
    assertThat(cuts()).as("no paper printed on card re-insertion").isEqualTo(afterFault);
    assertThat(station.counts().cast()).isZero();
    tap("retry");
    waitFor("screen-review");
    assertThat(cuts()).as("the retry itself prints nothing").isEqualTo(afterFault);
    remove();
    waitFor("screen-review");
    tap("print");
    waitFor("screen-check");
    assertThat(cuts()).as("exactly one new paper record").isEqualTo(afterFault + 1);
    tap("cast");
    waitFor("screen-cast");
    tap("finish");
    waitFor("screen-waiting");
    assertThat(station.counts().cast()).isEqualTo(1);
    assertThat(station.counts().challenged())
        .as("the ballot whose record failed is voided")
        .isEqualTo(1);
    assertThat(cuts()).as("the record and the voter's receipt").isEqualTo(afterFault + 2);
  }

  @Test
  void theCoverOpensDuringThePaperRecordAndAPollWorkerRecovers() throws Exception {
    recover("cover-open", p -> p.setCoverOpen(true), p -> p.setCoverOpen(false));
  }

  @Test
  void theCutterJamsDuringThePaperRecordAndAPollWorkerRecovers() throws Exception {
    recover("jam", p -> p.setCutterJammed(true), p -> p.setCutterJammed(false));
  }
}
