package org.urna.kiosk.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Two pseudo-terminals joined by socat, as a serial cable would join the kiosk and a printer.
 * Started by the test, stopped by its PID (also when the test fails). A copy of the hardware
 * adapters' test class of the same name.
 */
final class SocatPtyPair implements AutoCloseable {

  private final Process process;
  private final Path dir;
  private final Path hostEnd;
  private final Path deviceEnd;

  private SocatPtyPair(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
    this.hostEnd = dir.resolve("ttyKIOSK");
    this.deviceEnd = dir.resolve("ttyPRN");
  }

  public static SocatPtyPair start() throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("urna-pty");
    Process p =
        new ProcessBuilder(
                "socat",
                "pty,raw,echo=0,link=" + dir.resolve("ttyKIOSK"),
                "pty,raw,echo=0,link=" + dir.resolve("ttyPRN"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("socat.log").toFile())
            .start();
    SocatPtyPair pair = new SocatPtyPair(p, dir);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!(Files.exists(pair.hostEnd) && Files.exists(pair.deviceEnd))) {
      if (!p.isAlive()) {
        pair.close();
        throw new IOException("socat exited with " + p.exitValue() + ": " + pair.log());
      }
      if (System.nanoTime() > deadline) {
        pair.close();
        throw new IOException("socat did not create its pty links in time");
      }
      Thread.sleep(20);
    }
    return pair;
  }

  /** The end the kiosk's driver opens. */
  public String hostPath() {
    return hostEnd.toString();
  }

  /** The end the printer emulator opens. */
  public String devicePath() {
    return deviceEnd.toString();
  }

  public long pid() {
    return process.pid();
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("socat.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** Kills socat by its PID, as a printer pulled from its cable. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    try (var files = Files.list(dir)) {
      files.forEach(f -> f.toFile().delete());
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }
}
