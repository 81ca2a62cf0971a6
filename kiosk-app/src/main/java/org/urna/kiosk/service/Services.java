package org.urna.kiosk.service;

import java.nio.file.Path;
import java.time.Clock;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.operator.OperatorContext;
import org.urna.kiosk.operator.Station;
import org.urna.kiosk.station.operator.AuditNote;

/**
 * What every service screen shares: the operator's context, words, files, key store, clock, the
 * diagnostics' results so far and, once a reset was done in this session, its archive folder.
 */
record Services(
    OperatorContext context,
    Words words,
    Path configFile,
    StationKeyStore keys,
    Clock clock,
    long minFreeBytes,
    java.util.Map<String, Check> results,
    java.util.concurrent.atomic.AtomicReference<Path> resetArchive) {

  Station station() {
    return context.station();
  }

  StationConfig config() {
    return station().context().config();
  }

  String t(String key, Object... args) {
    return words.t(key, args);
  }

  /** Appends to the audit log as the signed-in technician. */
  void audit(String action, String details) {
    station().audit(new AuditNote(context.card().role(), action, details));
  }

  /**
   * Runs {@code work} on the station's worker and hands its result to {@code then} on the FX
   * thread.
   */
  <T> void background(
      java.util.concurrent.Callable<T> work,
      java.util.function.Consumer<T> then,
      java.util.function.Consumer<Exception> failed) {
    context
        .worker()
        .execute(
            () -> {
              try {
                T r = work.call();
                context.ui().execute(() -> then.accept(r));
              } catch (Exception e) {
                context.ui().execute(() -> failed.accept(e));
              }
            });
  }
}
