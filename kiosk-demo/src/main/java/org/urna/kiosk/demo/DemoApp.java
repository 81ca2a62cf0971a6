package org.urna.kiosk.demo;

import java.awt.image.BufferedImage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.paper.PaperDocument;
import org.urna.kiosk.paper.PaperDocuments;
import org.urna.kiosk.paper.PaperPrinter;
import org.urna.kiosk.paper.PrintOutcome;
import org.urna.kiosk.paper.ReceiptPrinterAdapter;
import org.urna.kiosk.station.IdleTimer;
import org.urna.kiosk.ui.KioskFonts;
import org.urna.kiosk.ui.KioskLockdown;
import org.urna.kiosk.voter.KioskSetup;
import org.urna.kiosk.voter.VoterKiosk;

/**
 * The demo's window: the kiosk, and beside it the poll worker's panel and the paper that the
 * in-process ESC/POS emulator printed (the real driver's bytes, rendered).
 */
public final class DemoApp extends Application {
  private final PollWorkerPanel[] panel = new PollWorkerPanel[1];
  private InProcessPrinter device;
  private DemoBallotBox box;
  private volatile CountsBoard board;
  private ExecutorService worker;
  private ScheduledExecutorService scheduler;
  private volatile DemoLedger ledger;
  private final java.util.concurrent.CompletableFuture<DemoLedger> ledgerStarted =
      new java.util.concurrent.CompletableFuture<>();
  private volatile java.nio.file.Path ledgerDir;
  private final java.util.concurrent.atomic.AtomicBoolean cleanedUp =
      new java.util.concurrent.atomic.AtomicBoolean();
  private PaperFolder paperFolder;
  private volatile String electionTitle = "Election";

  @Override
  public void start(Stage stage) {
    DemoOptions o = DemoMain.options;
    DemoMain.mark("start");
    KioskFonts.load();
    DemoMain.mark("fonts");
    DemoElection election =
        DemoMain.election != null ? DemoMain.election.join() : new DemoElection();
    electionTitle = election.manifest.title().in("en", election.manifest.defaultLanguage());
    worker = Executors.newSingleThreadExecutor(daemon("kiosk-worker"));
    scheduler = new java.util.concurrent.ScheduledThreadPoolExecutor(1, daemon("kiosk-timer"));
    DemoMain.mark("electionReady");
    box = new DemoBallotBox();
    // SIGTERM runs no Application.stop(): the hook removes the temporary folders then too.
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().name("demo-clean-up").unstarted(this::cleanUp));
    paperFolder = new PaperFolder(o.paperDir());
    System.out.println("Printed paper is saved as PNG in " + paperFolder.dir());
    device = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20);
    PaperPrinter driver = new ReceiptPrinterAdapter(device);
    DemoActivation activation = new DemoActivation();
    KioskSetup setup =
        new KioskSetup(
            election.manifest,
            election.key,
            DemoElection.STATION,
            box,
            asked -> {
              PaperDocument document = o.lookupUrl() == null ? onTheDemoLedgersPage(asked) : asked;
              PrintOutcome outcome = driver.print(document);
              DemoLedger l = ledger;
              if (l != null) {
                l.wake();
              }
              BufferedImage paper = device.emulator().tearOff().image();
              java.nio.file.Path png = paperFolder.save(document.kind(), paper);
              Platform.runLater(() -> panel[0].showPaper(document.kind(), paper, png));
              return outcome;
            },
            new IdleTimer.Timeouts(
                Duration.ofSeconds(o.warnAfter()), Duration.ofSeconds(o.answerWithin())),
            // until the demo ledger has started, its page is not known; receipts wait for it
            o.lookupUrl() != null ? o.lookupUrl() : "http://127.0.0.1/",
            Clock.systemUTC(),
            new SecureRandom(),
            Platform::runLater,
            worker,
            scheduler);
    DemoMain.mark("setup");
    VoterKiosk kiosk = new VoterKiosk(setup, activation);
    DemoMain.mark("kiosk");
    box.whenOpen(() -> Platform.runLater(() -> kiosk.viewModel().openPolls()));

    PollWorkerPanel side =
        new PollWorkerPanel(election, activation, device, box, kiosk, paperFolder.dir());
    this.panel[0] = side;
    // the box's and the ledger's counts, read together after every change to either (0230)
    board = new CountsBoard(box, lines -> Platform.runLater(() -> side.showCounts(lines)));
    side.onClosingReport(() -> worker.execute(() -> printReport(true)));
    box.whenOpenBox(
        opened -> {
          printReport(false);
          startLedger(o, election, opened, side);
        });
    BorderPane window = new BorderPane(kiosk.root());
    window.setRight(side.node());
    Scene scene = new Scene(window, 1600, 1000);
    kiosk.attach(scene);
    stage.setTitle("Urna — voter's kiosk (demo)");
    stage.setScene(scene);
    if (o.kiosk()) {
      KioskLockdown.lockDown(stage, scene);
    } else {
      KioskLockdown.allowFullScreenToggle(stage, scene);
      stage.setFullScreen(o.fullScreen());
    }
    if (o.startupProbe()) {
      boolean[] measured = new boolean[1];
      scene.addPostLayoutPulseListener(
          () -> {
            if (measured[0]) {
              return;
            }
            measured[0] = true;
            long ms =
                Duration.between(
                        ProcessHandle.current().info().startInstant().orElseThrow(), Instant.now())
                    .toMillis();
            System.out.println("kiosk.waitingScreen.firstFrame.ms=" + ms);
            System.out.println("kiosk.startup.trace " + DemoMain.trace());
            System.out.flush();
            // exit (not halt): a training run writes its AOT cache at exit
            Thread.ofPlatform().start(() -> System.exit(0));
          });
    }
    boolean[] first = new boolean[1];
    scene.addPostLayoutPulseListener(
        () -> {
          if (!first[0] && !o.startupProbe()) {
            first[0] = true;
            box.open(worker, election); // after the first frame: start-up does not wait for H2
          }
        });
    DemoMain.mark("show");
    stage.show();
    DemoMain.mark("shown");
  }

  /** The ledger and the sync start on their own thread: the kiosk is usable before they are. */
  private void startLedger(
      DemoOptions o,
      DemoElection election,
      org.urna.ballotbox.BallotBox opened,
      PollWorkerPanel side) {
    Thread.ofVirtual()
        .name("demo-ledger")
        .start(
            () -> {
              try {
                java.nio.file.Path dir =
                    java.nio.file.Files.createTempDirectory("urna-demo-ledger");
                ledgerDir = dir;
                DemoLedger l =
                    o.ledger().isEmpty()
                        ? DemoLedger.startInProcess(dir, election)
                        : DemoLedger.remote(o.ledger(), o.ledgerPolicy());
                l.syncFrom(opened, dir.resolve("sync"), board::sync);
                ledger = l;
                ledgerStarted.complete(l);
                System.out.println("Ledger public page: " + l.lookupPage());
              } catch (Exception e) {
                ledgerStarted.completeExceptionally(e);
                board.ledgerFailed(
                    "not started (" + e.getMessage() + "); ballots wait in the ballot box.");
              }
            });
  }

  /**
   * Receipts of the in-process ledger's demo point at that ledger's own public page (a real
   * station's come from its election package). Waits for the ledger a little if it is still
   * starting; if it never starts the receipt keeps the page the kiosk was given.
   */
  private PaperDocument onTheDemoLedgersPage(PaperDocument document) {
    if (document instanceof PaperDocument.PaperRecord) {
      return document;
    }
    try {
      DemoLedger l = ledgerStarted.get(20, java.util.concurrent.TimeUnit.SECONDS);
      return PaperDocuments.withLookupPage(document, l.lookupPage(), l.policyPin());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return document;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return document;
    }
  }

  /**
   * The poll worker's reports (in English, like the demo's panel): the zero report when the box
   * opens, the closing report on the panel's button. Printed, saved and shown like the voter's
   * paper; on the kiosk's worker thread, so never in the middle of a voter's printing.
   */
  private void printReport(boolean closing) {
    var c = box.counts();
    String title = electionTitle;
    var content =
        new org.urna.hardware.printer.layout.PollReportContent(
            closing ? "Closing report" : "Zero report",
            title,
            "Station",
            DemoElection.STATION,
            closing ? "Closed" : "Opened",
            java.time.LocalDateTime.now().withSecond(0).withNano(0),
            java.util.List.of(
                new org.urna.hardware.printer.layout.Count("Ballots cast", c.cast()),
                new org.urna.hardware.printer.layout.Count("Ballots challenged", c.challenged())),
            "Last tracking code",
            java.util.Optional.empty(),
            "Poll worker");
    org.urna.hardware.printer.Paper paper =
        closing
            ? org.urna.hardware.printer.layout.PaperLayouts.closingReport(content)
            : org.urna.hardware.printer.layout.PaperLayouts.zeroReport(content);
    String kind = closing ? "closing-report" : "zero-report";
    device.print(paper);
    BufferedImage image = device.emulator().tearOff().image();
    java.nio.file.Path png = paperFolder.save(kind, image);
    Platform.runLater(() -> panel[0].showPaper(kind, image, png));
  }

  @Override
  public void stop() {
    cleanUp();
  }

  /**
   * Stops the ledger, the sync and the box and deletes their temporary folders; once, whether the
   * window was closed (stop) or the process was sent SIGTERM (shutdown hook). The PNGs of printed
   * paper stay.
   */
  private void cleanUp() {
    if (!cleanedUp.compareAndSet(false, true)) {
      return;
    }
    DemoLedger l = ledger;
    if (l != null) {
      try {
        l.close();
      } catch (RuntimeException e) {
        System.err.println("Demo ledger did not stop cleanly: " + e.getMessage());
      }
    }
    if (worker != null) {
      worker.shutdownNow();
      scheduler.shutdownNow();
    }
    if (device != null) {
      device.close();
    }
    if (box != null) {
      box.close();
    }
    java.nio.file.Path dir = ledgerDir;
    if (dir != null) {
      DemoBallotBox.deleteTree(dir);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
