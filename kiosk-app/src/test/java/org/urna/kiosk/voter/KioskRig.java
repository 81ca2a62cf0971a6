package org.urna.kiosk.voter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.urna.ballotbox.BallotBox;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.tally.EncryptedTally;
import org.urna.core.tally.SelectionTotal;
import org.urna.core.tally.TallyDecryptor;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.demo.DemoActivation;
import org.urna.kiosk.demo.DemoElection;
import org.urna.kiosk.paper.PaperDocument;
import org.urna.kiosk.paper.PaperPrinter;
import org.urna.kiosk.paper.PrintOutcome;
import org.urna.kiosk.paper.ReceiptPrinterAdapter;
import org.urna.kiosk.station.BallotBoxStore;
import org.urna.kiosk.station.IdleTimer;

/**
 * One kiosk with everything behind it, as a test sees it: the demo election (with its demo secret
 * key to decrypt what the box holds), the real ballot box (an encrypted H2 file in a temporary
 * folder), the real printer driver on the in-process ESC/POS emulator, the activation.
 */
final class KioskRig implements AutoCloseable {
  static final DemoElection ELECTION = new DemoElection();

  final Path dir;
  final BallotBox box;

  /** The real ESC/POS driver talking to the in-process emulator, which renders the paper. */
  final InProcessPrinter device = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20);

  final RecordingPrinter printer = new RecordingPrinter(new ReceiptPrinterAdapter(device));
  final HoldablePrinter holdable = new HoldablePrinter(printer);
  final DemoActivation activation = new DemoActivation();
  final ExecutorService worker = Executors.newSingleThreadExecutor();
  final ScheduledExecutorService scheduler =
      new java.util.concurrent.ScheduledThreadPoolExecutor(1);
  final KioskSetup setup;

  KioskRig(IdleTimer.Timeouts timeouts) {
    this(timeouts, ELECTION.manifest);
  }

  /** A rig for another election, signed for the demo's station key and decrypted by its key. */
  KioskRig(IdleTimer.Timeouts timeouts, org.urna.core.election.ElectionManifest manifest) {
    try {
      dir = Files.createTempDirectory("kiosk-box");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    box =
        BallotBox.open(
            dir.resolve("box"),
            "kiosk-test-box-password".toCharArray(),
            manifest,
            ELECTION.key,
            DemoElection.STATION,
            ELECTION.stationKey);
    setup =
        new KioskSetup(
            manifest,
            ELECTION.key,
            DemoElection.STATION,
            new BallotBoxStore(box, ELECTION.stationKey),
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
    box.forEachRecorded(t::add);
    Map<String, Long> out = new HashMap<>();
    for (SelectionTotal s :
        new TallyDecryptor(ELECTION.manifest, ELECTION.key, ELECTION.secret).decrypt(t)) {
      out.put(s.contestId() + "/" + s.selectionId(), s.count());
    }
    return out;
  }

  /** What the H2 ballot box holds, in chain order. */
  List<RecordedBallot> recorded() {
    List<RecordedBallot> out = new java.util.ArrayList<>();
    box.forEachRecorded(out::add);
    return out;
  }

  long pending() {
    return box.counts().pending();
  }

  List<BallotState> states() {
    return recorded().stream().map(RecordedBallot::state).toList();
  }

  /** The kinds of the documents that came out whole, in order. */
  List<String> printedKinds() {
    return printer.printed().stream().map(PaperDocument::kind).toList();
  }

  /** The last document printed whole. */
  PaperDocument lastPrinted() {
    return printer.printed().getLast();
  }

  @Override
  public void close() {
    worker.shutdownNow();
    scheduler.shutdownNow();
    try {
      worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    box.close();
    device.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Keeps each document that printed whole (what the voter holds). */
  static final class RecordingPrinter implements PaperPrinter {
    private final PaperPrinter inner;
    private final List<PaperDocument> printed =
        java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    RecordingPrinter(PaperPrinter inner) {
      this.inner = inner;
    }

    @Override
    public PrintOutcome print(PaperDocument document) {
      PrintOutcome o = inner.print(document);
      if (o instanceof PrintOutcome.Printed) {
        printed.add(document);
      }
      return o;
    }

    List<PaperDocument> printed() {
      synchronized (printed) {
        return List.copyOf(printed);
      }
    }
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
        return new PrintOutcome.Failed(org.urna.hardware.printer.PrinterFault.OFFLINE);
      }
      return inner.print(document);
    }
  }
}
