package org.urna.hardware.printer.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.hardware.printer.PrinterProfile;
import org.urna.hardware.printer.serial.LinkFault;
import org.urna.hardware.printer.serial.SerialLink;

/**
 * An ESC/POS printer on the device end of a byte link (a pty, or an in-process loopback): reads
 * commands, prints them on an emulated paper roll, answers {@code DLE EOT} and sends {@code GS a}
 * blocks. Faults can be switched on now or planned for a byte count, to test what the driver does
 * when paper runs out mid-print, the cover opens, the printer falls silent or talks nonsense.
 */
public final class EscPosEmulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EscPosEmulator.class);

  private final SerialLink link;
  private final PrinterMechanism mechanism;
  private final Thread worker;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile long received;

  private EscPosEmulator(SerialLink link, PrinterProfile profile) {
    this.link = link;
    this.mechanism = new PrinterMechanism(profile, this::send);
    this.worker = Thread.ofPlatform().daemon().name("escpos-emulator").unstarted(this::run);
  }

  /** Starts emulating a printer of that model on the link. */
  public static EscPosEmulator start(SerialLink link, PrinterProfile profile) {
    EscPosEmulator e = new EscPosEmulator(link, profile);
    e.worker.start();
    return e;
  }

  /** What has been printed so far. */
  public PrintedPaper paper() {
    return mechanism.paper();
  }

  /** Takes away what has been printed (returned) and starts a blank paper. */
  public PrintedPaper tearOff() {
    return mechanism.tearOff();
  }

  public long bytesReceived() {
    return received;
  }

  public void setPaperOut(boolean out) {
    mechanism.setPaperOut(out);
  }

  public void setPaperNearEnd(boolean near) {
    mechanism.setNearEnd(near);
  }

  public void setCoverOpen(boolean open) {
    mechanism.setCoverOpen(open);
  }

  public void setCutterJammed(boolean jammed) {
    mechanism.setCutterJammed(jammed);
  }

  /** A silent printer reads and discards everything and answers nothing. */
  public void setSilent(boolean silent) {
    mechanism.setSilent(silent);
  }

  /** Runs out of paper once this many more bytes have been received. */
  public void runOutOfPaperAfter(long bytes) {
    synchronized (mechanism) {
      mechanism.triggers.paperOutAt = received + bytes;
    }
  }

  /** Has its cover opened once this many more bytes have been received. */
  public void openCoverAfter(long bytes) {
    synchronized (mechanism) {
      mechanism.triggers.coverOpenAt = received + bytes;
    }
  }

  /** Falls silent once this many more bytes have been received. */
  public void goSilentAfter(long bytes) {
    synchronized (mechanism) {
      mechanism.triggers.silentAt = received + bytes;
    }
  }

  /** Sends these bytes, unasked, once this many more bytes have been received. */
  public void sendGarbageAfter(long bytes, byte[] garbage) {
    synchronized (mechanism) {
      mechanism.triggers.garbage = garbage.clone();
      mechanism.triggers.garbageAt = received + bytes;
    }
  }

  /** Stops the emulator and closes its end of the link. */
  @Override
  public void close() {
    running = false;
    link.close();
    try {
      if (!stopped.await(5, TimeUnit.SECONDS)) {
        LOG.warn("Emulator thread did not stop in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(byte[] bytes) {
    try {
      link.write(bytes);
    } catch (LinkFault e) {
      LOG.debug("Emulator could not answer: {}", e.getMessage());
    }
  }

  private void run() {
    EscPosCommandReader reader = new EscPosCommandReader(new LinkSource());
    try {
      while (running) {
        try {
          mechanism.apply(reader.next());
        } catch (EscPosSyntaxException e) {
          mechanism.syntaxError(e);
        }
      }
    } catch (ByteSource.EndOfInput e) {
      LOG.debug("Emulator input ended");
    } finally {
      stopped.countDown();
    }
  }

  /** Bytes from the link, each counted and shown to the planned faults before it is parsed. */
  private final class LinkSource implements ByteSource {
    private final byte[] buffer = new byte[4096];
    private int length;
    private int index;

    @Override
    public int next() throws EndOfInput {
      while (index >= length) {
        if (!running) {
          throw new EndOfInput();
        }
        try {
          length = link.read(buffer, Duration.ofMillis(100));
          index = 0;
        } catch (LinkFault e) {
          throw new EndOfInput();
        }
      }
      received++;
      mechanism.received(received);
      return buffer[index++] & 0xff;
    }

    @Override
    public long position() {
      return received;
    }
  }
}
