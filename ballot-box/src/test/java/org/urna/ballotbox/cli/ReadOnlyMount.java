package org.urna.ballotbox.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real read-only folder for tests: a small tmpfs mounted at a folder, then remounted read-only.
 * Root ignores file modes, so {@code chmod} alone never makes a folder read-only in CI (which runs
 * as root); a read-only mount does, for root too. Needs root and {@code mount}.
 */
final class ReadOnlyMount implements AutoCloseable {
  private final Path folder;
  private boolean mounted;

  private ReadOnlyMount(Path folder) {
    this.folder = folder;
  }

  /** Why a read-only mount cannot be made here, or empty when it can (root with mount). */
  static Optional<String> unavailableBecause() {
    try {
      if (!run("id", "-u").strip().equals("0")) {
        return Optional.of("a read-only mount needs root");
      }
    } catch (IOException e) {
      return Optional.of("cannot run id -u: " + e.getMessage());
    }
    return Optional.empty();
  }

  /** Mounts a fresh, writable tmpfs at {@code folder} (created when missing). */
  static ReadOnlyMount writable(Path folder) throws IOException {
    Files.createDirectories(folder);
    ReadOnlyMount m = new ReadOnlyMount(folder);
    run("mount", "-t", "tmpfs", "-o", "size=16m,mode=0755", "tmpfs", folder.toString());
    m.mounted = true;
    return m;
  }

  Path folder() {
    return folder;
  }

  /** Remounts the folder read-only: no one, root included, can write in it any more. */
  void readOnly() throws IOException {
    run("mount", "-o", "remount,ro", folder.toString());
  }

  @Override
  public void close() throws IOException {
    if (mounted) {
      run("umount", "-l", folder.toString());
      mounted = false;
    }
  }

  private static String run(String... cmd) throws IOException {
    Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", cmd) + " did not finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", new ArrayList<>(List.of(cmd))) + ": " + out.strip());
    }
    return out;
  }
}
