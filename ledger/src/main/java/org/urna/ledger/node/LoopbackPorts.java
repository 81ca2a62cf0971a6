package org.urna.ledger.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for validators started on one machine (the local network command, the demo's
 * in-process ledger, tests).
 *
 * <p>A port the kernel hands out for {@code bind(0)} comes from the ephemeral range, which is also
 * where every outgoing connection takes its local port: between "found free" and "bound by the
 * node" (or between a node's stop and its restart on the same port) a client connection of gRPC or
 * HTTP can take it, and the node fails with "Failed to bind". Ports chosen here lie below the
 * ephemeral range, where no outgoing connection goes, are checked free, and are never handed out
 * twice by one process.
 */
public final class LoopbackPorts {
  private static final int LOWEST = 10_000;
  private static final Set<Integer> GIVEN = new HashSet<>();

  private LoopbackPorts() {}

  /** A free loopback port outside the ephemeral range. */
  public static synchronized int reserve() throws IOException {
    int top = ephemeralLow();
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 500; attempt++) {
      int port = rnd.nextInt(LOWEST, top);
      if (GIVEN.contains(port) || !free(port)) {
        continue;
      }
      GIVEN.add(port);
      return port;
    }
    throw new IOException("no free loopback port between " + LOWEST + " and " + top);
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The start of the kernel's ephemeral range (Linux); 32768 where it cannot be read. */
  static int ephemeralLow() {
    try {
      // readAllLines, not readString: a sysctl file reports a size of 0 and readString then
      // returns its first byte only ("3" for "32768\t60999")
      String[] range =
          Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
              .get(0)
              .trim()
              .split("\\s+");
      int low = Integer.parseInt(range[0]);
      return low > LOWEST + 1_000 ? low : 32_768;
    } catch (IOException | RuntimeException e) {
      return 32_768;
    }
  }
}
