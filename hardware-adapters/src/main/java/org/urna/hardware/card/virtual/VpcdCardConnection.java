package org.urna.hardware.card.virtual;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a {@link VirtualPivCard} into pcscd's virtual reader (vsmartcard's vpcd driver) over TCP.
 * vpcd's protocol: every message is a 2-byte big-endian length, then the bytes; a 1-byte message is
 * a control code (0 power off, 1 power on, 2 reset, 4 send ATR), a longer one a command APDU
 * answered with the response APDU. Closing the socket removes the card.
 */
public final class VpcdCardConnection implements AutoCloseable {
  /** vpcd's port for its first reader ("Virtual PCD 00 00"); the second listens on 35964. */
  public static final int DEFAULT_PORT = 35963;

  private static final boolean QUICK_ACK =
      !Boolean.getBoolean("urna.vpcd.noQuickAck")
          && java.net.StandardSocketOptions.class != null
          && supportsQuickAck();

  private static final Logger log = LoggerFactory.getLogger(VpcdCardConnection.class);

  private final VirtualPivCard card;
  private final Socket socket;
  private final Thread thread;
  private final AtomicReference<Predicate<byte[]>> pullOn = new AtomicReference<>();

  private VpcdCardConnection(VirtualPivCard card, Socket socket) {
    this.card = card;
    this.socket = socket;
    this.thread =
        Thread.ofPlatform()
            .daemon()
            .name("vpcd-card-" + socket.getLocalPort())
            .unstarted(this::serve);
  }

  /**
   * Inserts {@code card}: connects to vpcd on 127.0.0.1:{@code port}, retrying until {@code
   * patience} has passed (vpcd listens only while pcscd runs).
   */
  public static VpcdCardConnection insert(VirtualPivCard card, int port, Duration patience)
      throws IOException {
    Instant deadline = Instant.now().plus(patience);
    while (true) {
      Socket s = new Socket();
      try {
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        VpcdCardConnection c = new VpcdCardConnection(card, s);
        c.thread.start();
        return c;
      } catch (ConnectException e) {
        s.close();
        if (Instant.now().isAfter(deadline)) {
          throw new IOException(
              "vpcd does not listen on 127.0.0.1:" + port + " (is pcscd running?)", e);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while connecting to vpcd", ie);
        }
      }
    }
  }

  private static boolean supportsQuickAck() {
    try (Socket s = new Socket()) {
      return s.supportedOptions().contains(jdk.net.ExtendedSocketOptions.TCP_QUICKACK);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Simulates pulling the card during an exchange: the next command APDU matching {@code when} gets
   * no answer; the connection closes instead.
   */
  public void removeDuringCommand(Predicate<byte[]> when) {
    pullOn.set(when);
  }

  public boolean isInserted() {
    return !socket.isClosed() && thread.isAlive();
  }

  /** Removes the card (closes the connection) and waits for the serving thread to end. */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is all we wanted
    }
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve() {
    try (socket) {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      while (true) {
        quickAck();
        int length = in.readUnsignedShort();
        quickAck();
        byte[] message = in.readNBytes(length);
        if (message.length != length) {
          return;
        }
        if (length == 1) {
          switch (message[0]) {
            case 0 -> card.powerOff();
            case 1 -> card.powerOn();
            case 2 -> card.reset();
            case 4 -> send(out, card.atr());
            default -> log.debug("vpcd control code {} ignored", message[0]);
          }
          continue;
        }
        Predicate<byte[]> pull = pullOn.get();
        if (pull != null && pull.test(message)) {
          pullOn.set(null);
          log.info("virtual card removed during a command, as asked");
          return;
        }
        send(out, card.process(message));
      }
    } catch (EOFException e) {
      log.debug("vpcd closed the connection");
    } catch (IOException e) {
      log.debug("virtual card connection ended: {}", e.getMessage());
    }
  }

  /**
   * vpcd writes the 2-byte length and the message with two send() calls on a socket with Nagle's
   * algorithm on: the second waits for our ACK of the first, which Linux delays by up to 40 ms.
   * Quick-ACK mode (re-armed before every read, the kernel drops it by itself) removes that stall.
   */
  private void quickAck() {
    if (QUICK_ACK) {
      try {
        socket.setOption(jdk.net.ExtendedSocketOptions.TCP_QUICKACK, true);
      } catch (IOException | UnsupportedOperationException e) {
        // not Linux: only slower
      }
    }
  }

  private static void send(DataOutputStream out, byte[] bytes) throws IOException {
    byte[] framed = new byte[bytes.length + 2];
    framed[0] = (byte) (bytes.length >>> 8);
    framed[1] = (byte) bytes.length;
    System.arraycopy(bytes, 0, framed, 2, bytes.length);
    out.write(framed);
    out.flush();
  }
}
