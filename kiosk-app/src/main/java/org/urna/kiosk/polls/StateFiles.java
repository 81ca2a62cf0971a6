package org.urna.kiosk.polls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.urna.core.io.AtomicFiles;

/** Writes the station's state files atomically: a power cut leaves the old file or the new one. */
final class StateFiles {
  private StateFiles() {}

  /** {@link AtomicFiles#write}, creating the state folder when missing. */
  static void writeAtomically(Path file, byte[] bytes, boolean ownerOnly) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      AtomicFiles.write(file, bytes, ownerOnly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
