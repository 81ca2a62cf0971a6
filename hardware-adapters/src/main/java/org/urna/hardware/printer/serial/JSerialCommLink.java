package org.urna.hardware.printer.serial;

import com.fazecast.jSerialComm.SerialPort;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A serial port through jSerialComm, opened by path (ptys are not listed by {@code
 * getCommPorts()}). Linux has no write time-outs, so writes run on a helper thread and the caller
 * waits a bounded time; read time-outs come in whole tenths of a second.
 */
public final class JSerialCommLink implements SerialLink {

  private final SerialPort port;
  private final String path;
  private final int baud;
  private final ExecutorService writer;
  private int currentReadTimeoutMs = -1;

  private JSerialCommLink(SerialPort port, String path, int baud) {
    this.port = port;
    this.path = path;
    this.baud = baud;
    this.writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "serial-writer " + path);
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens the port at that path, 8 data bits, no parity, one stop bit, no flow control. */
  public static JSerialCommLink open(String path, int baud) throws LinkFault {
    if (baud < 1200 || baud > 921_600) {
      throw new LinkFault(LinkFault.Kind.DISCONNECTED, "Unsupported baud rate " + baud);
    }
    SerialPort port;
    try {
      port = SerialPort.getCommPort(path);
    } catch (RuntimeException e) {
      throw new LinkFault(LinkFault.Kind.DISCONNECTED, "No serial port at " + path, e);
    }
    port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
    // openPort may leave getLastErrorCode() at ENOTTY on a pty even when it succeeded.
    if (!port.openPort()) {
      throw new LinkFault(
          LinkFault.Kind.DISCONNECTED, "Cannot open " + path + " (missing or already in use)");
    }
    return new JSerialCommLink(port, path, baud);
  }

  @Override
  public void write(byte[] data, int offset, int length) throws LinkFault {
    if (!port.isOpen()) {
      throw new LinkFault(LinkFault.Kind.DISCONNECTED, path + " is closed");
    }
    // At the line rate plus a generous margin for a slow machine.
    long budgetMs = 3_000 + (length * 10_000L) / baud;
    Future<Integer> done =
        writer.submit(
            () -> {
              int written = 0;
              while (written < length) {
                int n = port.writeBytes(data, length - written, offset + written);
                if (n <= 0) {
                  return -1;
                }
                written += n;
              }
              return written;
            });
    try {
      if (done.get(budgetMs, TimeUnit.MILLISECONDS) < 0) {
        throw new LinkFault(LinkFault.Kind.DISCONNECTED, "Writing to " + path + " failed");
      }
    } catch (TimeoutException e) {
      done.cancel(true);
      throw new LinkFault(LinkFault.Kind.WRITE_STALLED, path + " stopped taking bytes", e);
    } catch (ExecutionException e) {
      throw new LinkFault(LinkFault.Kind.DISCONNECTED, "Writing to " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LinkFault(LinkFault.Kind.DISCONNECTED, "Interrupted while writing", e);
    }
  }

  @Override
  public int read(byte[] buffer, Duration wait) throws LinkFault {
    if (!port.isOpen()) {
      throw new LinkFault(LinkFault.Kind.DISCONNECTED, path + " is closed");
    }
    int ms = (int) Math.max(0, Math.min(wait.toMillis(), 60_000));
    if (ms == 0) {
      int available = port.bytesAvailable();
      if (available < 0) {
        throw new LinkFault(LinkFault.Kind.DISCONNECTED, path + " went away");
      }
      if (available == 0) {
        return 0;
      }
      ms = 1;
    }
    // Linux honours whole tenths of a second: round up so the port is not reconfigured each call.
    ms = ((ms + 99) / 100) * 100;
    if (ms != currentReadTimeoutMs) {
      port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, ms, 0);
      currentReadTimeoutMs = ms;
    }
    int n = port.readBytes(buffer, buffer.length);
    if (n < 0) {
      // The peer died: read answers -1 while isOpen() still says true.
      throw new LinkFault(LinkFault.Kind.DISCONNECTED, path + " went away");
    }
    return n;
  }

  @Override
  public String describe() {
    return path + " at " + baud + " baud";
  }

  @Override
  public void close() {
    writer.shutdownNow();
    port.closePort();
  }
}
