package org.urna.kiosk.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.urna.core.election.SampleElection;
import org.urna.core.role.Role;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.polls.PackageCheck;
import org.urna.kiosk.polls.PollReports;
import org.urna.kiosk.polls.PollsState;
import org.urna.kiosk.polls.StationRuntime;

/**
 * The station and its ledger (decision 0343): a station configured with a validator (every story's
 * station is: a loopback ledger speaking the ledger's HTTP API, {@link LoopbackLedger}) opens the
 * polls, voters cast, the ballots reach the ledger and are confirmed, the sync dashboard says so,
 * and the closing report carries the cosigned checkpoint; a station whose ballot box is behind its
 * signed head says so on its screen instead of failing to start. The Russian subclass runs the same
 * stories in Russian.
 */
class StationLedgerStoriesTest extends SimulatedStationStory {
  private final boolean rollBackTheBox;
  private Path restoredCopy;

  /** The refused-box story starts its station on a folder prepared before (see below). */
  StationLedgerStoriesTest(TestInfo test) {
    rollBackTheBox =
        test.getTestMethod().map(t -> t.getName().startsWith("aBoxBehind")).orElse(false);
  }

  private Messages polls() {
    return Messages.of(Messages.Area.POLLS, language);
  }

  @Test
  void castBallotsReachTheLedgerTheDashboardShowsThemAndTheClosingReportCarriesTheCheckpoint()
      throws Exception {
    Messages m = polls();
    VirtualPivCard card = authority.card(Role.POLL_WORKER).virtualCard();
    PollDay.signIn(this, card);
    tap("pw-load");
    tap("pw-load-confirm");
    waitFor("screen-done");
    tap("pw-home");
    tap("pw-open");
    waitFor("screen-done");
    String zero = PollDay.flat(printer.emulator().tearOff().text());
    assertThat(zero)
        .as("nothing confirmed and no checkpoint seen before the first ballot")
        .contains(PollDay.flat(m.text("report.checkpoint") + ": " + m.text("report.noCheckpoint")));

    int voters = 2;
    for (int i = 1; i <= voters; i++) {
      if (showing("pw-home")) {
        tap("pw-home");
      }
      tap("pw-activate");
      tap("pw-style-" + SampleElection.STYLE_REFERENDUM);
      waitFor("screen-done");
      remove();
      waitFor("screen-language");
      tap("start");
      tap("sel-yes");
      tap("next");
      waitFor("screen-review");
      tap("print");
      waitFor("screen-check");
      tap("cast");
      waitFor("screen-cast");
      tap("finish");
      waitFor("screen-waiting");
      printer.emulator().tearOff();
      PollDay.signIn(this, card);
    }

    waitFor("pw-ledger");
    tap("pw-sync");
    waitFor("sync-dashboard");
    waitForText(m.text("sync.confirmed", voters, voters));
    waitForText(m.text("sync.compare.all", voters));
    assertThat(ledger.size()).as("each recorded ballot is in the ledger once").isEqualTo(voters);
    List<String> dashboard = texts();
    assertThat(dashboard)
        .contains(m.text("sync.box", voters, voters, 0))
        .contains(m.text("sync.waiting", 0, 0))
        .contains(m.text("sync.standing.RUNNING"));
    assertThat(first(dashboard, LoopbackLedger.WITNESS))
        .as("the checkpoint line names its size and its signers")
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith(
                        m.text("sync.checkpoint", voters, "", "")
                            .substring(
                                0, m.text("sync.checkpoint", voters, "", "").indexOf(",") + 1))
                    .contains(LoopbackLedger.ORIGIN));
    screenshot("sync-dashboard-" + language);

    tap("pw-back");
    tap("pw-close");
    tap("pw-close-yes");
    tap("pw-close-final");
    waitFor("screen-done");
    assertThat(station.pollsState()).isEqualTo(PollsState.CLOSED);
    String closing = PollDay.flat(printer.emulator().tearOff().text());
    byte[] note = station.ledger().orElseThrow().latestCheckpointNote().orElseThrow();
    String line = PollReports.checkpointLine(note).orElseThrow();
    assertThat(line).startsWith(voters + " ").contains(LoopbackLedger.WITNESS);
    assertThat(closing)
        .contains(PollDay.flat(m.text("report.checkpoint") + ": " + line))
        .contains(PollDay.flat(m.text("report.sync", 0, voters)));
    assertThat(auditActions()).contains("polls-closed");
    tap("pw-home");
    waitFor("pw-ledger");
    assertThat(texts()).contains(m.text("pw.ledger.counts", voters, voters));
    tap("pw-sync");
    waitForText(m.text("sync.standing.STOPPED"));
  }

  @Override
  void beforeStationOpens(StationConfig config) throws Exception {
    if (!rollBackTheBox) {
      return;
    }
    // the station ran before: an election loaded (the file copied then), the polls opened
    var exec = Executors.newSingleThreadExecutor();
    try {
      StationRuntime before =
          StationRuntime.open(
              StationContext.of(config), reader, printer, clock, Runnable::run, exec, scheduler);
      PackageCheck.Checked c = before.checkPackage(Role.POLL_WORKER, language);
      before.load(c, Role.POLL_WORKER);
      before.close();
      Path data = config.ballotBoxFolder().resolve(c.pkg().manifest().electionId() + "-box.mv.db");
      Path old = dir.resolve("old-box.mv.db");
      Files.copy(data, old);
      StationRuntime again =
          StationRuntime.open(
              StationContext.of(config), reader, printer, clock, Runnable::run, exec, scheduler);
      again.openPolls(Role.POLL_WORKER, language);
      printer.emulator().tearOff();
      again.close();
      // an older copy of the box is put back under the newer signed head
      Files.copy(old, data, StandardCopyOption.REPLACE_EXISTING);
      restoredCopy = old;
    } finally {
      exec.shutdown();
    }
  }

  @Test
  void aBoxBehindItsSignedHeadIsShownInPlainWordsAndNothingCanBeDone() throws Exception {
    Messages m = polls();
    assertThat(rollBackTheBox).as("the station started on a rolled-back box").isTrue();
    waitFor("screen-box-refused");
    List<String> shown = texts();
    assertThat(shown)
        .contains(
            m.text("box.refused.title"),
            m.text("box.refused.ROLLED_BACK"),
            m.text("box.refused.safe"),
            m.text("box.refused.call"));
    assertThat(station.boxRefusal()).isPresent();
    assertThat(journal()).contains("ballot-box-refused").contains("ROLLED_BACK");
    screenshot("box-refused-" + language);

    PollDay.signIn(this, authority.card(Role.POLL_WORKER).virtualCard());
    waitFor("screen-poll-worker-box-refused");
    assertThat(showing("pw-open")).as("nothing to do on a refused box").isFalse();
    assertThat(showing("pw-activate")).isFalse();
    assertThat(showing("pw-close")).isFalse();
    assertThat(station.counts().cast() + station.counts().challenged() + station.counts().pending())
        .isZero();
    Path data;
    try (var files = Files.list(dir.resolve("box"))) {
      data = files.filter(p -> p.toString().endsWith(".mv.db")).findFirst().orElseThrow();
    }
    assertThat(Files.mismatch(data, restoredCopy))
        .as("the box file is left exactly as it was")
        .isEqualTo(-1L);
  }
}
