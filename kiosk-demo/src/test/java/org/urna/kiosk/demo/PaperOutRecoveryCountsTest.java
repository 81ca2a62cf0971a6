package org.urna.kiosk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ballotbox.BallotBox;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.Contest;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.paper.PaperDocuments;
import org.urna.kiosk.paper.ReceiptPrinterAdapter;
import org.urna.kiosk.station.BallotWorkflow;
import org.urna.sync.SyncStatus;

/**
 * The demo's paper-out recovery as the issue "The station" saw it ("2 cast, 1 challenged" in the
 * box, "4 confirmed" on the ledger): the demo's real H2 box, the kiosk's ballot workflow printing
 * through the ESC/POS emulator, the in-process ledger and the sync, and the panel's counts
 * (decision 0230). The ledger was right: a ballot voided because its paper record could not print
 * is a recorded ballot and goes to the ledger once; the panel's box line was read before that void
 * and only refreshed on the next printed paper.
 */
class PaperOutRecoveryCountsTest {
  private static final long WAIT_MS = 120_000;

  @Test
  void aBallotVoidedByPaperOutIsCountedAtOnceAndReachesTheLedgerOnce(@TempDir Path dir)
      throws Exception {
    DemoElection election = new DemoElection();
    BallotStyle style = election.manifest.ballotStyles().getFirst();
    Contest contest = election.manifest.contestsOf(style).getFirst();
    PlaintextBallot choices =
        new PlaintextBallot(
            style.id(), Map.of(contest.id(), Set.of(contest.selectionIds().getFirst())));
    ExecutorService worker = Executors.newSingleThreadExecutor();
    DemoBallotBox box = new DemoBallotBox();
    List<CountsBoard.Lines> shown = new CopyOnWriteArrayList<>();
    AtomicReference<CountsBoard.Lines> last = new AtomicReference<>();
    CountsBoard board =
        new CountsBoard(
            box,
            l -> {
              shown.add(l);
              last.set(l);
            });
    try (InProcessPrinter device = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20);
        DemoLedger ledger = DemoLedger.startInProcess(dir.resolve("ledger"), election)) {
      box.open(worker, election);
      CompletableFuture<BallotBox> opened = new CompletableFuture<>();
      box.whenOpenBox(opened::complete);
      BallotBox ballots = opened.get(60, TimeUnit.SECONDS);
      ledger.syncFrom(ballots, dir.resolve("sync"), board::sync);
      ReceiptPrinterAdapter driver = new ReceiptPrinterAdapter(device);
      BallotWorkflow flow =
          new BallotWorkflow(
              election.manifest,
              election.key,
              DemoElection.STATION,
              box,
              document -> {
                // as the demo's printer: print, wake the sync, tear the paper off
                var outcome = driver.print(document);
                ledger.wake();
                device.emulator().tearOff();
                return outcome;
              },
              worker,
              Clock.systemUTC(),
              new SecureRandom());
      PaperDocuments papers =
          new PaperDocuments(
              election.manifest,
              DemoElection.STATION,
              URI.create("http://127.0.0.1/"),
              ZoneOffset.UTC);
      Messages en = Messages.of("en");

      // the first voter casts
      printRecord(flow, papers, en, choices, BallotWorkflow.RecordOutcome.Printed.class);
      flow.cast(r -> papers.receipt(r, en)).get(60, TimeUnit.SECONDS);
      // the second voter: out of paper, the ballot is voided; paper loaded, retried, cast
      device.emulator().setPaperOut(true);
      printRecord(flow, papers, en, choices, BallotWorkflow.RecordOutcome.PrinterStopped.class);
      device.emulator().setPaperOut(false);
      printRecord(flow, papers, en, choices, BallotWorkflow.RecordOutcome.Printed.class);
      flow.cast(r -> papers.receipt(r, en)).get(60, TimeUnit.SECONDS);
      // the third voter: out of paper again; the poll worker ends the session (nothing prints)
      device.emulator().setPaperOut(true);
      printRecord(flow, papers, en, choices, BallotWorkflow.RecordOutcome.PrinterStopped.class);

      // at once, with no paper printed after the void: the box's line counts it
      assertThat(last.get().box())
          .isEqualTo(
              "Ballot box: 4 ballots recorded: 2 cast, 2 challenged or voided (never counted)");
      assertThat(last.get().recorded()).isEqualTo(4);

      long deadline = System.currentTimeMillis() + WAIT_MS;
      while (System.currentTimeMillis() < deadline && last.get().confirmed() < 4) {
        Thread.sleep(100);
      }
      CountsBoard.Lines settled = board.refresh();
      assertThat(settled.ledger())
          .startsWith(
              "Ledger: 4 of the 4 ballots recorded confirmed (cast and challenged alike), 0 waiting"
                  + " to be confirmed; last checkpoint holds 4 entries");
      assertThat(settled.box()).isEqualTo(last.get().box());
      // every line shown: the ledger never confirmed more than the box said it recorded
      assertThat(shown)
          .allSatisfy(l -> assertThat(l.confirmed()).isLessThanOrEqualTo(l.recorded()));

      // every recorded ballot is on the ledger exactly once, and nothing else is
      Set<BallotId> recorded = new HashSet<>();
      ballots.forEachRecorded(rb -> assertThat(recorded.add(rb.ballotId())).isTrue());
      assertThat(recorded).hasSize(4);
      assertThat(ballots.outboxCounts().confirmed()).isEqualTo(4);
      SyncStatus sync = ledger.status().orElseThrow();
      assertThat(sync.lastCheckpoint()).isPresent();
      assertThat(sync.lastCheckpoint().get().size()).isEqualTo(4);
    } finally {
      worker.shutdownNow();
      box.close();
    }
  }

  private static void printRecord(
      BallotWorkflow flow,
      PaperDocuments papers,
      Messages en,
      PlaintextBallot choices,
      Class<? extends BallotWorkflow.RecordOutcome> expected)
      throws Exception {
    assertThat(
            flow.printPaperRecord(choices, id -> papers.paperRecord(choices, id, en))
                .get(60, TimeUnit.SECONDS))
        .isInstanceOf(expected);
  }
}
