package org.urna.hardware.printer.escpos;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.hardware.printer.Paper;
import org.urna.hardware.printer.PrintResult;
import org.urna.hardware.printer.PrinterFault;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.PrinterStatus;
import org.urna.hardware.printer.ReceiptPrinter;
import org.urna.hardware.printer.serial.JSerialCommLink;
import org.urna.hardware.printer.serial.LinkFault;
import org.urna.hardware.printer.serial.SerialLink;

/**
 * An ESC/POS printer on a byte link. Before a paper it asks the real-time status; it sends the
 * paper chunk by chunk and asks again after each chunk, so paper running out or the cover opening
 * mid-print comes back as {@link PrintResult.Interrupted}. A printer that stops answering is
 * reported as {@link PrinterFault#NO_ANSWER} after {@code replyTimeout}; a reply that matches no
 * ESC/POS pattern as {@link PrinterFault#GARBLED_REPLY}, after which the driver drains the line and
 * carries on. Logs name the paper, never its content. Not thread-safe: one caller at a time.
 */
public final class EscPosPrinter implements ReceiptPrinter {

  private static final Logger LOG = LoggerFactory.getLogger(EscPosPrinter.class);
  private static final Duration QUIET = Duration.ofMillis(200);

  private final SerialLink link;
  private final PrinterProfile profile;
  private final EscPosEncoder encoder;
  private final Duration replyTimeout;
  private final StatusStreamParser parser = new StatusStreamParser();
  private final byte[] readBuffer = new byte[512];
  private PrinterStatus lastAutoStatus = PrinterStatus.ready();
  private boolean closed;

  public EscPosPrinter(SerialLink link, PrinterProfile profile, Duration replyTimeout) {
    if (replyTimeout.isNegative() || replyTimeout.isZero()) {
      throw new IllegalArgumentException("Reply time-out must be positive");
    }
    this.link = link;
    this.profile = profile;
    this.encoder = new EscPosEncoder(profile);
    this.replyTimeout = replyTimeout;
  }

  /**
   * Opens the serial port at that path. A port that cannot be opened still gives a printer: one
   * whose status is {@link PrinterFault#DISCONNECTED}, so the kiosk shows the fault instead of
   * failing to start.
   */
  public static ReceiptPrinter open(String path, int baud, PrinterProfile profile) {
    try {
      return new EscPosPrinter(JSerialCommLink.open(path, baud), profile, Duration.ofSeconds(2));
    } catch (LinkFault e) {
      LOG.warn("Printer port {} not available: {}", path, e.getMessage());
      return new UnreachablePrinter(profile);
    }
  }

  @Override
  public PrinterProfile profile() {
    return profile;
  }

  public EscPosEncoder encoder() {
    return encoder;
  }

  @Override
  public synchronized PrinterStatus status() {
    if (closed) {
      return PrinterStatus.of(PrinterFault.DISCONNECTED);
    }
    try {
      return queryStatus();
    } catch (LinkFault e) {
      return PrinterStatus.of(faultOf(e));
    }
  }

  @Override
  public synchronized PrintResult print(Paper paper) {
    PrinterStatus before = status();
    if (!before.isReady()) {
      LOG.info("Not printing {}: {}", paper.name(), before.faults());
      return new PrintResult.NotStarted(before.blockingFault().orElseThrow(), before);
    }
    EscPosJob job = encoder.encode(paper);
    long sent = 0;
    try {
      for (byte[] chunk : job.chunks()) {
        link.write(chunk);
        sent += chunk.length;
        PrinterStatus now = queryStatus();
        if (!now.isReady()) {
          LOG.info("Printing {} interrupted after {} bytes: {}", paper.name(), sent, now.faults());
          return new PrintResult.Interrupted(now.blockingFault().orElseThrow(), now, sent);
        }
      }
      PrinterStatus after = queryStatus();
      if (!after.isReady()) {
        return new PrintResult.Interrupted(after.blockingFault().orElseThrow(), after, sent);
      }
      LOG.info("Printed {} ({} bytes)", paper.name(), sent);
      return new PrintResult.Printed(after, sent);
    } catch (LinkFault e) {
      PrinterFault fault = faultOf(e);
      LOG.warn("Printing {} stopped after {} bytes: {}", paper.name(), sent, e.getMessage());
      return new PrintResult.Interrupted(fault, PrinterStatus.of(fault), sent);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    link.close();
  }

  /** One round of DLE EOT queries; also takes in any automatic status blocks that came. */
  private PrinterStatus queryStatus() throws LinkFault {
    boolean garbled = readPending();
    List<Integer> asked = profile.statusQueries();
    ByteArrayOutputStream query = new ByteArrayOutputStream();
    for (int n : asked) {
      query.writeBytes(EscPos.realtimeStatus(n));
    }
    link.write(query.toByteArray());
    Map<Integer, Integer> replies = new LinkedHashMap<>();
    long deadline = System.nanoTime() + replyTimeout.toNanos();
    while (replies.size() < asked.size()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        LOG.warn("Printer on {} did not answer its status query", link.describe());
        drainUntilQuiet();
        return PrinterStatus.of(PrinterFault.NO_ANSWER);
      }
      int n = link.read(readBuffer, Duration.ofNanos(left));
      for (StatusEvent event : parser.feed(readBuffer, 0, n)) {
        switch (event) {
          case StatusEvent.RealtimeReply r -> {
            if (replies.size() < asked.size()) {
              replies.put(asked.get(replies.size()), r.value());
            }
          }
          case StatusEvent.AutoStatus a -> lastAutoStatus = StatusSummariser.fromAuto(a);
          case StatusEvent.Garbage g -> garbled = true;
        }
      }
    }
    if (garbled) {
      LOG.warn("Printer on {} sent bytes that are no status reply", link.describe());
      drainUntilQuiet();
      return PrinterStatus.of(PrinterFault.GARBLED_REPLY);
    }
    return StatusSummariser.fromRealtime(replies);
  }

  /** The summary of the last automatic status block the printer sent (models with GS a). */
  public synchronized PrinterStatus lastAutomaticStatus() {
    return lastAutoStatus;
  }

  /** Reads what is already waiting; true when some of it was garbage. */
  private boolean readPending() throws LinkFault {
    boolean garbled = false;
    int n;
    while ((n = link.read(readBuffer, Duration.ZERO)) > 0) {
      for (StatusEvent event : parser.feed(readBuffer, 0, n)) {
        switch (event) {
          case StatusEvent.AutoStatus a -> lastAutoStatus = StatusSummariser.fromAuto(a);
          case StatusEvent.Garbage g -> garbled = true;
          case StatusEvent.RealtimeReply r -> {
            // A late reply to an earlier query that timed out: stale, dropped.
          }
        }
      }
    }
    return garbled;
  }

  /** Discards input until the line has been quiet for a moment, so the next query starts clean. */
  private void drainUntilQuiet() throws LinkFault {
    long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (link.read(readBuffer, QUIET) > 0 && System.nanoTime() < giveUp) {
      // discard
    }
    parser.reset();
  }

  private static PrinterFault faultOf(LinkFault e) {
    return switch (e.kind()) {
      case DISCONNECTED -> PrinterFault.DISCONNECTED;
      case WRITE_STALLED -> PrinterFault.NO_ANSWER;
    };
  }
}
