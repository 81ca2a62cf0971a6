package org.urna.hardware.card.pcsc;

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

/**
 * A pcscd for one test class. Holds the machine-wide lock {@value #LOCK} for its whole life (two
 * test JVMs cannot share pcscd's global socket safely); starts {@code pcscd --foreground} and stops
 * it by its PID. A pcscd it did not start is never stopped: the fixture waits for it to go, then
 * reuses it.
 */
final class PcscdFixture implements AutoCloseable {
  static final String LOCK = "/tmp/urna-pcscd.lock";
  static final Path SOCKET = Path.of("/run/pcscd/pcscd.comm");

  private final FileChannel lockFile;
  private final FileLock lock;
  private final Path log;
  private Process process;

  private PcscdFixture(FileChannel lockFile, FileLock lock, Path log) {
    this.lockFile = lockFile;
    this.lock = lock;
    this.log = log;
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
    process =
        new ProcessBuilder("pcscd", "--foreground", "--info")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    boolean ready =
        waitUntil(
            () -> Files.exists(SOCKET) && logContains("daemon ready") || !process.isAlive(),
            Duration.ofSeconds(30));
    if (!ready || !process.isAlive()) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      stop();
      throw new IllegalStateException("pcscd did not start; its log:\n" + text);
    }
  }

  private boolean logContains(String text) {
    try {
      return Files.readString(log).contains(text);
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
