package org.urna.kiosk.voter;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.election.ElectionManifest;
import org.urna.kiosk.paper.PaperPrinter;
import org.urna.kiosk.station.BallotStore;
import org.urna.kiosk.station.IdleTimer;

/**
 * Everything the voter's kiosk runs on, validated once. {@code ui} runs a task on the UI thread
 * ({@code Platform::runLater} in the app, a plain executor when view-models are driven headless);
 * {@code worker} is the single thread for crypto, storage and devices.
 */
public record KioskSetup(
    ElectionManifest manifest,
    ElectionKey electionKey,
    String stationId,
    BallotStore store,
    PaperPrinter printer,
    IdleTimer.Timeouts timeouts,
    String ledgerLookupUrl,
    Clock clock,
    SecureRandom random,
    Executor ui,
    ExecutorService worker,
    ScheduledExecutorService scheduler) {
  public KioskSetup {
    if (manifest == null || electionKey == null || store == null || printer == null) {
      throw new IllegalArgumentException(
          "manifest, election key, ballot store and printer are required");
    }
    if (manifest.station(stationId).isEmpty()) {
      throw new IllegalArgumentException(
          "station " + stationId + " is not authorised by the election package");
    }
    if (ui == null || worker == null || scheduler == null || clock == null || random == null) {
      throw new IllegalArgumentException("ui, worker, scheduler, clock and random are required");
    }
  }
}
