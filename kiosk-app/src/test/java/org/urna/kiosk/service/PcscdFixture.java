package org.urna.kiosk.service;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.urna.hardware.card.virtual.VpcdCardConnection;

/**
 * A copy of the hardware adapters' test fixture of the same name (kiosk-app does not depend on
 * their test classes): a pcscd for one test class or story. Holds the machine-wide lock {@value
 * #LOCK} for its whole life (two test JVMs cannot share pcscd's global socket safely); starts
 * {@code pcscd --foreground} and stops it by its PID. A pcscd it did not start is never stopped:
 * the fixture waits for it to go, then reuses it.
 *
 * <p>The pcscd it starts reads its own reader configuration: the virtual reader listens on a port
 * below the kernel's ephemeral range ({@link #vpcdPort()}), not on the packaged 35963, which lies
 * inside that range. A test suite that just made thousands of connections (the ledger's) can hold
 * 35963 as some socket's local port, and pcscd then starts without the reader and says so only in
 * its log; the fixture reads that log and fails with it rather than let a story wait for a reader
 * that never comes.
 */
final class PcscdFixture implements AutoCloseable {
  static final String LOCK = "/tmp/urna-pcscd.lock";
  static final Path SOCKET = Path.of("/run/pcscd/pcscd.comm");

  private final FileChannel lockFile;
  private final FileLock lock;
  private final Path log;
  private final Path readerConf;
  private int vpcdPort = VpcdCardConnection.DEFAULT_PORT;
  private boolean configured;
  private Process process;

  private PcscdFixture(FileChannel lockFile, FileLock lock, Path log) {
    this.lockFile = lockFile;
    this.lock = lock;
    this.log = log;
    this.readerConf = log.resolveSibling("reader.conf.d");
  }

  static PcscdFixture start(Path logDir) throws IOException, InterruptedException {
    return acquire(logDir, true);
  }

  /**
   * Takes the lock and makes sure no pcscd runs (waiting for a foreign one to end), without
   * starting one: for stories about a kiosk that comes up before the card service.
   */
  static PcscdFixture withoutPcscd(Path logDir) throws IOException, InterruptedException {
    return acquire(logDir, false);
  }

  private static PcscdFixture acquire(Path logDir, boolean launch)
      throws IOException, InterruptedException {
    FileChannel ch =
        FileChannel.open(Path.of(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
    FileLock lock;
    while ((lock = ch.tryLock()) == null) {
      if (Instant.now().isAfter(deadline)) {
        ch.close();
        throw new IllegalStateException("another test held " + LOCK + " for 10 minutes");
      }
      Thread.sleep(200);
    }
    PcscdFixture f = new PcscdFixture(ch, lock, logDir.resolve("pcscd.log"));
    try {
      if (launch) {
        f.startOwnOrReuse();
      } else if (!waitUntil(() -> f.foreignPcscd().isEmpty(), Duration.ofSeconds(60))) {
        throw new IllegalStateException(
            "a pcscd we did not start keeps running; this story needs none");
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      f.close();
      throw e;
    }
    return f;
  }

  /**
   * The port the first virtual reader ("Virtual PCD 00 00") listens on; the second listens on the
   * next one. The packaged 35963 when the fixture reuses a pcscd it did not start.
   */
  int vpcdPort() {
    return vpcdPort;
  }

  /** Whether this fixture started the pcscd in use (and so may stop it). */
  boolean owned() {
    return process != null;
  }

  long pid() {
    return process.pid();
  }

  /** Stops the pcscd this fixture started (SIGTERM, then SIGKILL), by its PID. */
  void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    process = null;
    waitUntil(() -> !Files.exists(SOCKET), Duration.ofSeconds(10));
  }

  /** Starts pcscd again after {@link #stop()}. */
  void startAgain() throws IOException, InterruptedException {
    launch();
  }

  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        lock.release();
        lockFile.close();
      } catch (IOException e) {
        // the lock goes with the process anyway
      }
    }
  }

  private void startOwnOrReuse() throws IOException, InterruptedException {
    // A pcscd from someone else (not under our lock, or left over): wait for it, never kill it.
    waitUntil(() -> foreignPcscd().isEmpty(), Duration.ofSeconds(20));
    if (foreignPcscd().isPresent()) {
      if (!waitUntil(() -> Files.exists(SOCKET), Duration.ofSeconds(5))) {
        throw new IllegalStateException("a pcscd we did not start is running without a socket");
      }
      return; // reuse it
    }
    launch();
  }

  private void launch() throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    if (!configured) { // once per fixture: a restarted pcscd keeps the port the cards use
      vpcdPort = freePortPairBelowEphemeralRange();
      Files.createDirectories(readerConf);
      Files.writeString(
          readerConf.resolve("vpcd"),
          "FRIENDLYNAME \"Virtual PCD\"\n"
              + "DEVICENAME /dev/null:0x%X\n".formatted(vpcdPort)
              + "LIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n"
              + "CHANNELID 0x%X\n".formatted(vpcdPort));
      configured = true;
    }
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    process =
        new ProcessBuilder(
                "pcscd",
                "--foreground",
                "--info",
                "--config",
                readerConf.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    boolean ready =
        waitUntil(
            () ->
                Files.exists(SOCKET) && logSince(logStart).contains("daemon ready")
                    || !process.isAlive(),
            Duration.ofSeconds(30));
    String text = logSince(logStart);
    if (!ready || !process.isAlive()) {
      stop();
      throw new IllegalStateException("pcscd did not start; its log:\n" + text);
    }
    if (text.contains("init failed") || text.contains("Could not initialize")) {
      stop();
      throw new IllegalStateException(
          "pcscd started without the virtual reader on port " + vpcdPort + "; its log:\n" + text);
    }
  }

  /** What pcscd logged since {@code start} (a byte offset into the log). */
  private String logSince(long start) {
    try {
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(start, all.length);
      return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Two free neighbouring ports below the kernel's ephemeral range, so that no outgoing connection
   * can take them while pcscd is down between a stop and a start.
   */
  private static int freePortPairBelowEphemeralRange() throws IOException {
    int low = 32768;
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    if (Files.exists(range)) {
      // readAllLines, not readString: a /proc file reports no size and readString stops short
      low = Integer.parseInt(Files.readAllLines(range).get(0).strip().split("\\s+")[0]);
    }
    for (int port = Math.max(1026, low - 3000); port + 1 < low; port += 2) {
      if (free(port) && free(port + 1)) {
        return port;
      }
    }
    throw new IllegalStateException("no two free ports below " + low + " for the virtual reader");
  }

  private static boolean free(int port) {
    try (java.net.ServerSocket s = new java.net.ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new java.net.InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A running pcscd that is not our child. */
  private Optional<Long> foreignPcscd() {
    long ours = process == null ? -1 : process.pid();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().matches("[0-9]+"))
          .filter(p -> isPcscd(p))
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .filter(pid -> pid != ours)
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean isPcscd(Path proc) {
    try {
      return Files.readString(proc.resolve("comm")).strip().equals("pcscd")
          && !Files.readString(proc.resolve("stat")).contains(") Z ");
    } catch (IOException e) {
      return false;
    }
  }

  interface Condition {
    boolean holds();
  }

  static boolean waitUntil(Condition c, Duration patience) throws InterruptedException {
    Instant deadline = Instant.now().plus(patience);
    while (!c.holds()) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }
}
