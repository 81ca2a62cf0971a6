package org.urna.kiosk.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.ballotbox.audit.AuditExport;
import org.urna.core.crypto.SigningKey;
import org.urna.core.io.AtomicFiles;

/**
 * The audit log out of the station: JSON lines and NIST SP 1500-101 XML, each with a detached
 * signature by the station key ({@link AuditExport}, as {@code urna export-log} writes them), into
 * a folder the technician chose. The state folder keeps a note of the last export ({@value
 * #MARKER}: the sequence number it covers), which {@link SafeReset} reads.
 */
public final class LogExport {
  public static final String MARKER = "last-audit-export";
  private static final int PAGE = 1000;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private LogExport() {}

  /**
   * What an export wrote.
   *
   * @param lastSeq the sequence number of the last entry in the files (0 for an empty log)
   */
  public record Written(Path jsonLines, Path nistXml, int entries, long lastSeq) {}

  /** Every audit entry of the box, in sequence order. */
  public static List<AuditEntry> entries(BallotBox box) {
    List<AuditEntry> out = new ArrayList<>();
    long from = 1;
    while (true) {
      List<AuditEntry> page = box.auditEntries(from, PAGE);
      out.addAll(page);
      if (page.size() < PAGE) {
        return out;
      }
      from = page.getLast().seq() + 1;
    }
  }

  /**
   * True when every entry after {@code seq} is a technician's own (service mode's notes: the export
   * itself, a key or configuration change): no ballot was cast, spoiled or synced after an export
   * that covered the log up to {@code seq}.
   */
  public static boolean nothingButTechnicianSince(BallotBox box, long seq) {
    long from = seq + 1;
    while (true) {
      List<AuditEntry> page = box.auditEntries(from, PAGE);
      for (AuditEntry e : page) {
        if (e.role() != org.urna.core.role.Role.TECHNICIAN) {
          return false;
        }
      }
      if (page.size() < PAGE) {
        return true;
      }
      from = page.getLast().seq() + 1;
    }
  }

  /** Writes both files and their signatures into {@code folder}. */
  public static Written write(
      BallotBox box, String stationId, SigningKey stationKey, Path folder, Instant now)
      throws IOException {
    List<AuditEntry> entries = entries(box);
    String base = "audit-" + stationId + "-" + STAMP.format(now);
    byte[] jsonl = AuditExport.jsonLines(stationId, entries);
    byte[] xml = AuditExport.nistXml(stationId, box.manifest().electionId(), "0.1.0", now, entries);
    Path j = folder.resolve(base + ".jsonl");
    Path x = folder.resolve(base + ".xml");
    atomic(j, jsonl);
    atomic(
        sig(j), AuditExport.sign(jsonl, stationId, stationKey).getBytes(StandardCharsets.US_ASCII));
    atomic(x, xml);
    atomic(
        sig(x), AuditExport.sign(xml, stationId, stationKey).getBytes(StandardCharsets.US_ASCII));
    return new Written(j, x, entries.size(), entries.isEmpty() ? 0 : entries.getLast().seq());
  }

  static Path sig(Path file) {
    return file.resolveSibling(file.getFileName() + ".sig");
  }

  /** Notes in the state folder that the log was exported up to entry {@code seq} (inclusive). */
  public static void remember(Path stateFolder, long seq, Path where, Instant now)
      throws IOException {
    Files.createDirectories(stateFolder);
    atomic(
        stateFolder.resolve(MARKER),
        ("seq " + seq + "\ntime " + now + "\nfolder " + where + "\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  /** The sequence number the last export covered, if there was one. */
  public static Optional<Long> lastExportedSeq(Path stateFolder) {
    Path f = stateFolder.resolve(MARKER);
    try {
      for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
        if (line.startsWith("seq ")) {
          return Optional.of(Long.parseLong(line.substring(4).strip()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // no export noted
    }
    return Optional.empty();
  }

  /** The configured package folders (removable drives' mount points) an export can go to now. */
  public static List<Path> targets(List<Path> packageFolders) {
    return packageFolders.stream().filter(Files::isDirectory).filter(Files::isWritable).toList();
  }

  private static void atomic(Path target, byte[] bytes) throws IOException {
    AtomicFiles.write(target, bytes, false);
  }
}
