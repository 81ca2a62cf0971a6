package org.urna.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on 127.0.0.1 in front of one validator, with faults: pass, drop every reply after
 * the request reached the validator (then close), cut each connection after the first request bytes
 * (the request never arrives whole), or delay every chunk.
 */
final class LoopbackProxy implements AutoCloseable {
  enum Mode {
    PASS,
    DROP_REPLIES,
    CUT_MIDWAY,
    DELAY
  }

  private final ServerSocket server;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  final AtomicInteger droppedReplies = new AtomicInteger();
  private volatile Mode mode = Mode.PASS;
  private volatile long delayMillis = 0;

  LoopbackProxy(URI target) throws IOException {
    this.targetPort = target.getPort();
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().name("proxy-accept").start(this::accept);
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  void mode(Mode m) {
    mode = m;
  }

  void delay(long millis) {
    delayMillis = millis;
    mode = Mode.DELAY;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        Thread.ofVirtual().start(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client;
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
      open.add(upstream);
      Thread up = Thread.ofVirtual().start(() -> pump(client, upstream, true));
      pump(upstream, client, false);
      up.join();
    } catch (IOException | InterruptedException e) {
      // the connection ends
    } finally {
      open.remove(client);
    }
  }

  /** Copies one direction; {@code request} is client to validator. */
  private void pump(Socket from, Socket to, boolean request) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buf)) > 0) {
        Mode m = mode;
        if (m == Mode.CUT_MIDWAY && request) {
          out.write(buf, 0, Math.max(1, n / 2));
          out.flush();
          closeBoth(from, to);
          return;
        }
        if (m == Mode.DROP_REPLIES && !request) {
          droppedReplies.incrementAndGet();
          closeBoth(from, to);
          return;
        }
        if (m == Mode.DELAY) {
          Thread.sleep(delayMillis);
        }
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // peer closed
    }
    closeBoth(from, to);
  }

  private static void closeBoth(Socket a, Socket b) {
    try {
      a.close();
    } catch (IOException e) {
      // closing
    }
    try {
      b.close();
    } catch (IOException e) {
      // closing
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    for (Socket s : open) {
      s.close();
    }
    acceptor.join(5000);
  }
}
