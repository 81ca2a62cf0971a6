package org.urna.kiosk.station;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import org.urna.core.role.Role;
import org.urna.hardware.card.CardReader;
import org.urna.hardware.card.role.RoleCardAuthenticator;
import org.urna.hardware.card.role.TrustPolicy;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.config.StationContext;
import org.urna.kiosk.operator.OperatorShell;
import org.urna.kiosk.polls.PollWorkerMode;
import org.urna.kiosk.polls.StationRuntime;
import org.urna.kiosk.service.ServiceMode;

/**
 * The running station assembled from its context (decision 0342): the devices opened through the
 * context's factories, the station runtime on its state folder, the operator shell with poll-worker
 * mode and service mode, all on one worker thread and one timer. {@link StationApp} shows it full
 * screen; the demo (kiosk-demo) shows the same assembly beside its simulated devices. Built on the
 * FX thread.
 */
public final class StationAssembly implements AutoCloseable {
  private final StationContext context;
  private final ExecutorService worker;
  private final ScheduledExecutorService scheduler;
  private final CardReader reader;
  private final ReceiptPrinter printer;
  private final StationRuntime station;
  private final OperatorShell shell;

  private StationAssembly(StationContext context, Path configFile, Clock clock) throws IOException {
    this.context = context;
    StationConfig config = context.config();
    worker = Executors.newSingleThreadExecutor(daemon("station-worker"));
    scheduler = new ScheduledThreadPoolExecutor(1, daemon("station-timer"));
    reader = context.cardReaders().open();
    printer = context.printers().open();
    station =
        StationRuntime.open(context, reader, printer, clock, Platform::runLater, worker, scheduler);
    shell =
        new OperatorShell(
            station,
            new RoleCardAuthenticator(cardPolicy(config), clock, new SecureRandom()),
            Map.of(
                Role.POLL_WORKER,
                new PollWorkerMode(station),
                Role.TECHNICIAN,
                ServiceMode.of(configFile, config)),
            config.inactivityTimeout(),
            config.defaultLanguage(),
            clock,
            Platform::runLater,
            worker,
            scheduler);
  }

  /**
   * Opens the devices and the station of {@code context}; {@code configFile} is the file service
   * mode edits. Call on the FX thread, then {@link #attach} and {@link #start}.
   */
  public static StationAssembly open(StationContext context, Path configFile) throws IOException {
    return new StationAssembly(context, configFile, Clock.systemUTC());
  }

  /** The card trust policy of {@code config}: its card authority, its revoked serials. */
  public static TrustPolicy cardPolicy(StationConfig config) throws IOException {
    return TrustPolicy.of(
        Files.readAllBytes(config.cardAuthorityCertificate()),
        config.revokedCardSerials(),
        EnumSet.of(Role.POLL_WORKER, Role.TECHNICIAN, Role.ELECTION_MANAGER),
        Optional.empty());
  }

  public StationContext context() {
    return context;
  }

  /** The station's screen: the public screen, the PIN pad, the operator modes. */
  public Parent root() {
    return shell.root();
  }

  /** Wires the voter's keys and the operator's taps into {@code scene}. */
  public void attach(Scene scene) {
    shell.attach(scene);
  }

  /** Starts watching the card reader. */
  public void start() {
    shell.start();
  }

  public StationRuntime station() {
    return station;
  }

  public CardReader cardReader() {
    return reader;
  }

  public ReceiptPrinter printer() {
    return printer;
  }

  /** The station's one worker thread (devices, storage, cryptography). */
  public ExecutorService worker() {
    return worker;
  }

  /** Stops the shell, the worker and the timer, closes the station and the devices. */
  @Override
  public void close() {
    shell.stop();
    worker.shutdown();
    scheduler.shutdownNow();
    station.close();
    reader.close();
    printer.close();
  }

  private static ThreadFactory daemon(String name) {
    return Thread.ofPlatform().daemon().name(name).factory();
  }
}
