package org.urna.kiosk.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The kiosk's logging set up in code (found by logback as a service): events with ids to the
 * console, Flyway, Ratis and Jetty quiet. Logback's XML configuration took ~75 ms of the kiosk's
 * start-up, on the JavaFX thread, before the first frame (docs/decisions/0310). The kiosk logs
 * events with ids only: never a selection, a nonce or a key.
 */
public final class KioskLogConfigurator extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setEncoder(encoder);
    console.start();
    context.getLogger("org.flywaydb").setLevel(Level.WARN);
    // The demo's in-process validator: Ratis prints its whole configuration at INFO, Jetty its
    // banner; a poll worker's console shows their warnings only, and the kiosk's own events.
    context.getLogger("org.apache.ratis").setLevel(Level.WARN);
    context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
    context.getLogger("org.urna.hardware.printer.emulator").setLevel(Level.INFO);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
