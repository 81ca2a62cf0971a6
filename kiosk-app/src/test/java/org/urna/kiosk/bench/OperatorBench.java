package org.urna.kiosk.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.urna.core.election.SampleElection;
import org.urna.core.role.Role;
import org.urna.hardware.card.TestAuthority;
import org.urna.hardware.card.role.RoleCardAuthenticator;
import org.urna.hardware.card.simulated.SimulatedCardReader;
import org.urna.hardware.card.virtual.VirtualPivCard;
import org.urna.hardware.printer.Paper;
import org.urna.hardware.printer.PrintResult;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.PrinterStatus;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.hardware.printer.emulator.InProcessPrinter;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.operator.OperatorShell;
import org.urna.kiosk.polls.PollWorkerMode;
import org.urna.kiosk.polls.StationKeys;
import org.urna.kiosk.polls.StationRuntime;
import org.urna.kiosk.station.operator.InactivityTimeout;
import org.urna.kiosk.station.operator.OperatorState;

/**
 * A harness, not a test: the operator shell on the headless Monocle toolkit, the station runtime on
 * a real H2 box, a virtual PIV card in the simulated reader (the same APDUs as through pcscd,
 * without its polling). Prints, over {@code N} rounds (default 20), the median and the worst of:
 * card inserted → PIN pad built; OK tapped with the right PIN → poll-worker home screen built; and,
 * once, "open the polls" tapped → the zero report handed to the printer (its first byte).
 *
 * <p>Run: {@code java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -cp
 * <test class path> org.urna.kiosk.bench.OperatorBench 20}.
 */
public final class OperatorBench {
  private static final String STATION = "uik-1701";

  private OperatorBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path dir = Files.createTempDirectory("urna-operator-bench");
    SampleElection sample = SampleElection.create();
    sample.writeTo(dir.resolve("usb"));
    StationKeys.install(dir.resolve("state"), sample.stationKey(STATION));
    TestAuthority authority = new TestAuthority();
    Files.write(dir.resolve("cards-ca.der"), authority.ca.certificateDer());
    StationConfig config =
        new StationConfig(
            STATION,
            new StationConfig.CardReaderChoice.Simulated(),
            new StationConfig.PrinterChoice.Emulator(PrinterProfile.EPSON_TM_T20),
            dir.resolve("box"),
            List.of(java.net.URI.create("http://127.0.0.1:1")),
            dir.resolve("ledger.policy"),
            "en",
            InactivityTimeout.DEFAULT,
            dir.resolve("state"),
            List.of(dir.resolve("usb")),
            sample.trustAnchor().sha256Hex(),
            dir.resolve("cards-ca.der"),
            Set.of());
    InProcessPrinter device = InProcessPrinter.start(PrinterProfile.EPSON_TM_T20);
    long[] firstByte = new long[1];
    ReceiptPrinter printer =
        new ReceiptPrinter() {
          @Override
          public PrinterProfile profile() {
            return device.profile();
          }

          @Override
          public PrinterStatus status() {
            return device.status();
          }

          @Override
          public PrintResult print(Paper paper) {
            if (firstByte[0] == 0) {
              firstByte[0] = System.nanoTime();
            }
            return device.print(paper);
          }

          @Override
          public void close() {
            device.close();
          }
        };
    ExecutorService worker = Executors.newSingleThreadExecutor();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    SimulatedCardReader reader = new SimulatedCardReader();
    CountDownLatch up = new CountDownLatch(1);
    Platform.startup(up::countDown);
    up.await();
    Clock clock = Clock.fixed(Instant.parse("2027-09-19T06:00:00Z"), ZoneOffset.UTC);
    OperatorShell[] shell = new OperatorShell[1];
    StationRuntime[] station = new StationRuntime[1];
    onFx(
        () -> {
          station[0] =
              StationRuntime.open(
                  StationContext.of(config),
                  reader,
                  printer,
                  clock,
                  Platform::runLater,
                  worker,
                  scheduler);
          shell[0] =
              new OperatorShell(
                  station[0],
                  new RoleCardAuthenticator(
                      authority.policy(), Clock.systemUTC(), new SecureRandom()),
                  Map.of(Role.POLL_WORKER, new PollWorkerMode(station[0])),
                  InactivityTimeout.DEFAULT,
                  "en",
                  clock,
                  Platform::runLater,
                  worker,
                  scheduler);
          Stage stage = new Stage();
          Scene scene = new Scene(shell[0].root(), 1280, 1024);
          shell[0].attach(scene);
          stage.setScene(scene);
          stage.show();
          shell[0].start();
        });
    VirtualPivCard card = authority.card(Role.POLL_WORKER).virtualCard();
    long[] pinPad = new long[rounds];
    long[] signedIn = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      reader.insert(card);
      await(() -> present(shell[0], "pin-ok"));
      pinPad[i] = System.nanoTime() - t0;
      for (char c : TestAuthority.PIN.toCharArray()) {
        fire(shell[0], "pin-" + c);
      }
      long t1 = System.nanoTime();
      fire(shell[0], "pin-ok");
      await(
          () ->
              present(shell[0], "screen-poll-worker-home")
                  || present(shell[0], "screen-pin-change-offer"));
      signedIn[i] = System.nanoTime() - t1;
      if (present(shell[0], "pin-change-later")) {
        fire(shell[0], "pin-change-later");
        await(() -> present(shell[0], "screen-poll-worker-home"));
      }
      if (i < rounds - 1) {
        reader.remove();
        await(() -> onFxValue(() -> shell[0].state() instanceof OperatorState.LoggedOut));
      }
    }
    fire(shell[0], "pw-load");
    await(() -> present(shell[0], "pw-load-confirm"));
    fire(shell[0], "pw-load-confirm");
    await(() -> present(shell[0], "pw-home"));
    fire(shell[0], "pw-home");
    await(() -> present(shell[0], "pw-open"));
    long t2 = System.nanoTime();
    fire(shell[0], "pw-open");
    await(() -> firstByte[0] != 0);
    long open = firstByte[0] - t2;
    System.out.printf(
        "card in -> PIN pad: median %.1f ms, worst %.1f ms (%d rounds)%n",
        median(pinPad), max(pinPad), rounds);
    System.out.printf(
        "PIN OK -> poll-worker screen: median %.1f ms, worst %.1f ms (%d rounds)%n",
        median(signedIn), max(signedIn), rounds);
    System.out.printf("open the polls -> zero report's first byte: %.1f ms%n", open / 1e6);
    reader.remove();
    Thread.sleep(500);
    onFx(() -> shell[0].stop());
    worker.shutdown();
    worker.awaitTermination(10, TimeUnit.SECONDS);
    station[0].close();
    printer.close();
    Platform.exit();
    System.exit(0);
  }

  private static boolean present(OperatorShell shell, String id) {
    return onFxValue(() -> shell.root().lookup("#" + id) != null);
  }

  private static void fire(OperatorShell shell, String id) {
    onFx(
        () -> {
          Node n = shell.root().lookup("#" + id);
          if (n instanceof Button b) {
            b.fire();
          } else {
            throw new IllegalStateException("no button #" + id);
          }
        });
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out");
      }
      Thread.sleep(1);
    }
  }

  private static void onFx(Runnable r) {
    CountDownLatch done = new CountDownLatch(1);
    Platform.runLater(
        () -> {
          try {
            r.run();
          } finally {
            done.countDown();
          }
        });
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean onFxValue(BooleanSupplier s) {
    boolean[] v = new boolean[1];
    onFx(() -> v[0] = s.getAsBoolean());
    return v[0];
  }

  private static double median(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1e6;
  }

  private static double max(long[] nanos) {
    return Arrays.stream(nanos).max().orElse(0) / 1e6;
  }
}
