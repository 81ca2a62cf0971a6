package org.urna.kiosk.polls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.urna.kiosk.station.operator.AuditNote;

/**
 * The station's audit journal before an election is loaded, file {@value #FILE}: one line per
 * entry, tab-separated {@code time role action details chainHash}, where chainHash = SHA-256(the
 * previous entry's chainHash as hex, "\t", the line up to its last tab), the first entry chaining
 * on 64 zeros. Tabs and line breaks in the details are replaced by spaces.
 */
final class StationJournal {
  static final String FILE = "audit-journal.tsv";
  static final String GENESIS = "0".repeat(64);

  private final Path file;
  private String head;

  StationJournal(Path stateFolder) {
    this.file = stateFolder.resolve(FILE);
    this.head = verify(file);
  }

  synchronized void append(AuditNote note, Instant at) {
    String body =
        at + "\t" + note.role().name() + "\t" + clean(note.action()) + "\t" + clean(note.details());
    String hash = chain(head, body);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          body + "\t" + hash + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    head = hash;
  }

  synchronized String head() {
    return head;
  }

  /** Checks every link of the journal; returns its head. */
  static String verify(Path file) {
    if (!Files.exists(file)) {
      return GENESIS;
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String h = GENESIS;
      int n = 0;
      for (String line : lines) {
        n++;
        int cut = line.lastIndexOf('\t');
        if (cut < 0 || !chain(h, line.substring(0, cut)).equals(line.substring(cut + 1))) {
          throw new IllegalStateException(
              "The station's audit journal " + file + " was changed at entry " + n + ".");
        }
        h = line.substring(cut + 1);
      }
      return h;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String clean(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  static String chain(String previous, String body) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update((previous + "\t" + body).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
