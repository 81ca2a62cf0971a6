package org.urna.kiosk.voter;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Platform;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.tally.EncryptedTally;
import org.urna.core.tally.SelectionTotal;
import org.urna.core.tally.TallyDecryptor;
import org.urna.kiosk.demo.DemoActivation;
import org.urna.kiosk.demo.DemoElection;
import org.urna.kiosk.paper.PaperDocument;
import org.urna.kiosk.paper.PaperPrinter;
import org.urna.kiosk.paper.PrintOutcome;
import org.urna.kiosk.paper.SimulatedPrinter;
import org.urna.kiosk.station.IdleTimer;
import org.urna.kiosk.station.InMemoryBallotStore;

/**
 * One kiosk with everything behind it, as a test sees it: the demo election (with its demo secret
 * key to decrypt what the box holds), the ballot box, the simulated printer, the activation.
 */
final class KioskRig implements AutoCloseable {
  static final DemoElection ELECTION = new DemoElection();

  final InMemoryBallotStore box =
      new InMemoryBallotStore(
          ELECTION.key.extendedHash(), DemoElection.STATION, ELECTION.stationKey);
  final SimulatedPrinter printer = new SimulatedPrinter(50);
  final HoldablePrinter holdable = new HoldablePrinter(printer);
  final DemoActivation activation = new DemoActivation();
  final ExecutorService worker = Executors.newSingleThreadExecutor();
  final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  final KioskSetup setup;

  KioskRig(IdleTimer.Timeouts timeouts) {
    setup =
        new KioskSetup(
            ELECTION.manifest,
            ELECTION.key,
            DemoElection.STATION,
            box,
            holdable,
            timeouts,
            "https://ledger.example.org/t/",
            Clock.systemUTC(),
            new SecureRandom(),
            Platform::runLater,
            worker,
            scheduler);
  }

  static IdleTimer.Timeouts patient() {
    return new IdleTimer.Timeouts(Duration.ofMinutes(30), Duration.ofMinutes(1));
  }

  /** Decrypts the cast ballots in the box with the demo key: "contest/selection" → count. */
  Map<String, Long> tally() {
    EncryptedTally t = new EncryptedTally(ELECTION.manifest);
    box.recorded().forEach(t::add);
    Map<String, Long> out = new HashMap<>();
    for (SelectionTotal s :
        new TallyDecryptor(ELECTION.manifest, ELECTION.key, ELECTION.secret).decrypt(t)) {
      out.put(s.contestId() + "/" + s.selectionId(), s.count());
    }
    return out;
  }

  List<BallotState> states() {
    return box.recorded().stream().map(RecordedBallot::state).toList();
  }

  List<String> printedKinds() {
    return printer.pages().stream().map(p -> p.document().kind()).toList();
  }

  @Override
  public void close() {
    worker.shutdownNow();
    scheduler.shutdownNow();
  }

  /** A printer that can be held mid-job, to look at the "printing" screen. */
  static final class HoldablePrinter implements PaperPrinter {
    private final PaperPrinter inner;
    private final java.util.concurrent.Semaphore gate = new java.util.concurrent.Semaphore(1000);

    HoldablePrinter(PaperPrinter inner) {
      this.inner = inner;
    }

    void hold() {
      gate.drainPermits();
    }

    void release() {
      gate.release(1000);
    }

    @Override
    public PrintOutcome print(PaperDocument document) {
      try {
        gate.acquire();
        gate.release();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new PrintOutcome.Failed(org.urna.kiosk.paper.PrinterFault.OFFLINE);
      }
      return inner.print(document);
    }
  }
}
