package org.urna.kiosk.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/**
 * The station's audit journal before an election is loaded ({@value #FILE} in the state folder,
 * docs/spec/station-state.md), read for the Audit log screen: its entries and whether every chain
 * link holds. Read only; the station runtime is the only writer.
 */
public final class JournalFile {
  public static final String FILE = "audit-journal.tsv";
  private static final String GENESIS = "0".repeat(64);

  private JournalFile() {}

  /** One line of the journal. */
  public record Line(int number, String time, String role, String action, String details) {}

  /**
   * What the journal holds.
   *
   * @param lines every line that has the journal's five fields, in file order
   * @param brokenAt the first line whose chain does not match (or that lacks a field), if any
   */
  public record Contents(List<Line> lines, OptionalInt brokenAt) {}

  /** The journal in {@code stateFolder}; empty when the station has written none. */
  public static Contents read(Path stateFolder) throws IOException {
    Path file = stateFolder.resolve(FILE);
    if (!Files.exists(file)) {
      return new Contents(List.of(), OptionalInt.empty());
    }
    List<Line> out = new ArrayList<>();
    OptionalInt broken = OptionalInt.empty();
    String chain = GENESIS;
    int n = 0;
    for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      n++;
      String[] f = text.split("\t", -1);
      int cut = text.lastIndexOf('\t');
      if (f.length != 5) {
        if (broken.isEmpty()) {
          broken = OptionalInt.of(n);
        }
        continue;
      }
      if (broken.isEmpty() && !chain(chain, text.substring(0, cut)).equals(f[4])) {
        broken = OptionalInt.of(n);
      }
      chain = f[4];
      out.add(new Line(n, f[0], f[1], f[2], f[3]));
    }
    return new Contents(List.copyOf(out), broken);
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
