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
 * Three small files beside the ballot box: {@code ledger-checkpoint.note}, the last checkpoint this
 * kiosk verified (the signed note verbatim), {@code sync-alarm.txt}, a standing alarm (kind on the
 * first line, details on the second), and {@code events-confirmed}, the number of the station's
 * last lifecycle event the ledger proved it holds. Each is replaced atomically and forced to the
 * disk.
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

  static final String EVENTS_CONFIRMED = "events-confirmed";

  /** The number of the station's last event the ledger proved it holds, 0 before the first. */
  long eventsConfirmed() throws IOException {
    Path p = dir.resolve(EVENTS_CONFIRMED);
    if (!Files.exists(p)) {
      return 0;
    }
    String text = Files.readString(p, StandardCharsets.US_ASCII).strip();
    if (!text.matches("[0-9]{1,18}")) {
      throw new IOException(EVENTS_CONFIRMED + " does not hold a number");
    }
    return Long.parseLong(text);
  }

  void saveEventsConfirmed(long sequence) throws IOException {
    write(EVENTS_CONFIRMED, sequence + "\n");
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
