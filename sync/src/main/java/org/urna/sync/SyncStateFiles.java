package org.urna.sync;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.urna.tlog.SignedNote;

/**
 * Two small files beside the ballot box: {@code ledger-checkpoint.note}, the last checkpoint this
 * kiosk verified (the signed note verbatim), and {@code sync-alarm.txt}, a standing alarm (kind on
 * the first line, details on the second). Each is replaced atomically and forced to the disk.
 */
final class SyncStateFiles {
  static final String CHECKPOINT = "ledger-checkpoint.note";
  static final String ALARM = "sync-alarm.txt";
  private final Path dir;

  SyncStateFiles(Path dir) {
    this.dir = dir;
  }

  Optional<SignedNote> checkpoint() throws IOException {
    Path p = dir.resolve(CHECKPOINT);
    return Files.exists(p)
        ? Optional.of(SignedNote.parse(Files.readAllBytes(p)))
        : Optional.empty();
  }

  void saveCheckpoint(SignedNote note) throws IOException {
    write(CHECKPOINT, note.format());
  }

  Optional<SyncAlarm> alarm() throws IOException {
    Path p = dir.resolve(ALARM);
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    String[] lines = Files.readString(p, StandardCharsets.UTF_8).split("\n", 2);
    return Optional.of(
        SyncAlarm.restore(lines[0].strip(), lines.length > 1 ? lines[1].strip() : ""));
  }

  void saveAlarm(SyncAlarm alarm) throws IOException {
    write(ALARM, alarm.kind() + "\n" + alarm.details().replace('\n', ' ') + "\n");
  }

  void clearAlarm() throws IOException {
    Files.deleteIfExists(dir.resolve(ALARM));
  }

  private void write(String name, String text) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve(name + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(
        tmp,
        dir.resolve(name),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }
}
