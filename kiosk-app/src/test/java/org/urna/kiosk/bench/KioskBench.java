package org.urna.kiosk.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.urna.ballotbox.BallotBox;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.demo.DemoElection;
import org.urna.kiosk.paper.PaperDocument;
import org.urna.kiosk.paper.PaperPrinter;
import org.urna.kiosk.paper.ReceiptPrinterAdapter;
import org.urna.kiosk.station.BallotBoxStore;
import org.urna.kiosk.station.IdleTimer;
import org.urna.kiosk.station.StationState;
import org.urna.kiosk.voter.KioskSetup;
import org.urna.kiosk.voter.KioskViewModel;

/**
 * A harness, not a test: drives the kiosk's view-models headless (no JavaFX toolkit) through whole
 * voters on the real H2 ballot box and the real printer driver with its in-process emulator, and
 * prints (1) tap on "Print" to the paper record handed to the printer driver, with the encryption
 * made ahead and without, and (2) the used heap after 10 and after 1,000 voters.
 */
public final class KioskBench {
  private final ExecutorService ui = Executors.newSingleThreadExecutor();
  private final ExecutorService worker = Executors.newSingleThreadExecutor();
  private final ScheduledExecutorService scheduler =
      new java.util.concurrent.ScheduledThreadPoolExecutor(1);
  private final DemoElection election = new DemoElection();
  private volatile long handedToPrinter;
  private final KioskViewModel vm;

  private KioskBench(BallotBox box, InProcessPrinter device) {
    PaperPrinter driver = new ReceiptPrinterAdapter(device);
    PaperPrinter timed =
        doc -> {
          if (doc instanceof PaperDocument.PaperRecord) {
            handedToPrinter = System.nanoTime();
          }
          var outcome = driver.print(doc);
          device.emulator().tearOff();
          return outcome;
        };
    vm =
        new KioskViewModel(
            new KioskSetup(
                election.manifest,
                election.key,
                DemoElection.STATION,
                new BallotBoxStore(box, election.stationKey),
                timed,
                new IdleTimer.Timeouts(Duration.ofHours(1), Duration.ofMinutes(1)),
                "https://ledger.example.org/t/",
                Clock.systemUTC(),
                new SecureRandom(),
                ui,
                worker,
                scheduler));
  }

  public static void main(String[] args) throws Exception {
    int voters = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path dir = Files.createTempDirectory("kiosk-bench");
    try (BallotBox box =
            BallotBox.open(
                dir.resolve("box"),
                "bench-password".toCharArray(),
                new DemoElection().manifest,
                new DemoElection().key,
                DemoElection.STATION,
                new DemoElection().stationKey);
        InProcessPrinter device = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20)) {
      KioskBench b = new KioskBench(box, device);
      b.run(voters);
      b.ui.shutdownNow();
      b.worker.shutdownNow();
      b.scheduler.shutdownNow();
    }
  }

  private void run(int voters) throws Exception {
    on(vm::openPolls);
    List<Double> ahead = new ArrayList<>();
    List<Double> notAhead = new ArrayList<>();
    long heapAt10 = 0;
    java.util.Map<String, Long> histogramAt10 = java.util.Map.of();
    for (int i = 1; i <= voters; i++) {
      boolean waitForAhead = i % 2 == 0;
      double ms = voter(i, waitForAhead);
      (waitForAhead ? ahead : notAhead).add(ms);
      if (i == 10) {
        heapAt10 = usedHeapAfterGc();
        histogramAt10 = histogram();
        printHeap(i, heapAt10, histogramAt10);
      } else if (CHECKPOINTS.contains(i) && i != voters) {
        printHeap(i, usedHeapAfterGc(), histogram());
      }
    }
    long heapAtEnd = usedHeapAfterGc();
    var histogramAtEnd = histogram();
    printHeap(voters, heapAtEnd, histogramAtEnd);
    printGrowth(histogramAt10, histogramAtEnd);
    System.out.printf("voters=%d cores=%d%n", voters, Runtime.getRuntime().availableProcessors());
    System.out.printf("print->paper record handed to driver, encrypted ahead: %s%n", stats(ahead));
    System.out.printf(
        "print->paper record handed to driver, no time to encrypt ahead: %s%n", stats(notAhead));
    System.out.printf(
        "used heap after GC: after 10 voters %.1f MiB, after %d voters %.1f MiB%n",
        heapAt10 / 1048576.0, voters, heapAtEnd / 1048576.0);
  }

  /** Where the used heap is printed on the way (besides after 10 voters and at the end). */
  private static final java.util.Set<Integer> CHECKPOINTS = java.util.Set.of(100, 500, 1000, 2000);

  /** The used heap after GC, and the share of the ballot box's H2 chunk metadata and page cache. */
  private static void printHeap(int voters, long used, java.util.Map<String, Long> histogram) {
    System.out.printf(
        "heap after %d voters: %.1f MiB (H2 chunks %d KiB, H2 cache entries %d KiB)%n",
        voters,
        used / 1048576.0,
        histogram.getOrDefault("org.h2.mvstore.SFChunk", 0L) / 1024,
        histogram.getOrDefault("org.h2.mvstore.cache.CacheLongKeyLIRS$Entry", 0L) / 1024);
  }

  /** One voter, full ballot style; returns ms from the tap on Print to the paper handed over. */
  private double voter(int n, boolean waitForAhead) throws Exception {
    on(() -> vm.activate(n % 3 == 0 ? DemoElection.REFERENDUM_STYLE : DemoElection.FULL_STYLE));
    on(() -> vm.session().start());
    int contests = call(() -> vm.screen() instanceof org.urna.kiosk.voter.ContestViewModel ? 1 : 0);
    while (call(() -> vm.screen() instanceof org.urna.kiosk.voter.ContestViewModel)) {
      on(
          () -> {
            var c = (org.urna.kiosk.voter.ContestViewModel) vm.screen();
            vm.session().tap(c.choices().get(n % c.choices().size()).selectionId());
            vm.session().next();
          });
    }
    if (waitForAhead) {
      worker.submit(() -> {}).get(); // the voter reads the review screen: encryption finishes
    }
    long tap = System.nanoTime();
    on(() -> vm.session().print());
    await(s -> s instanceof StationState.AwaitingDecision);
    double ms = (handedToPrinter - tap) / 1e6;
    on(() -> vm.session().cast());
    await(s -> s instanceof StationState.Cast);
    on(() -> vm.session().finish());
    await(s -> s instanceof StationState.WaitingForVoter);
    if (call(vm::holdsVoterData) || contests < 0) {
      throw new IllegalStateException("voter data left after the session");
    }
    return ms;
  }

  private void on(Runnable r) throws Exception {
    ui.submit(r).get();
  }

  private <T> T call(Callable<T> c) throws Exception {
    return ui.submit(c).get();
  }

  private void await(Predicate<StationState> p) throws Exception {
    while (!call(() -> p.test(vm.state()))) {
      Thread.sleep(1);
    }
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Bytes per class, from the JVM's own class histogram (after a full GC). */
  private static java.util.Map<String, Long> histogram() throws Exception {
    var server = ManagementFactory.getPlatformMBeanServer();
    var name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
    String text =
        (String)
            server.invoke(
                name,
                "gcClassHistogram",
                new Object[] {new String[0]},
                new String[] {String[].class.getName()});
    java.util.Map<String, Long> out = new java.util.HashMap<>();
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].endsWith(":")) {
        out.put(f[3], Long.parseLong(f[2]));
      }
    }
    return out;
  }

  /** The classes whose instances grew most between the two histograms. */
  private static void printGrowth(
      java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
    after.entrySet().stream()
        .map(
            e ->
                java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 64 * 1024)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(12)
        .forEach(
            e -> System.out.printf("  grew %8.1f KiB  %s%n", e.getValue() / 1024.0, e.getKey()));
  }

  private static String stats(List<Double> ms) {
    List<Double> s = new ArrayList<>(ms);
    Collections.sort(s);
    return String.format(
        "n=%d median %.2f ms, p90 %.2f ms, max %.2f ms",
        s.size(), s.get(s.size() / 2), s.get((int) (s.size() * 0.9)), s.getLast());
  }
}
