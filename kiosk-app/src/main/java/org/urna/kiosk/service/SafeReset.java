package org.urna.kiosk.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.outbox.OutboxCounts;
import org.urna.core.role.Role;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.operator.Station;
import org.urna.kiosk.station.operator.AuditNote;

/**
 * Clears the station for a new election: the ballot box's folder and the state folder (the loaded
 * election package, the polls' state, the sync state, the journal) are moved into {@code <state
 * folder>/}{@value #ARCHIVE}{@code /<time>/}, never deleted, so nothing a recount needs is lost
 * (docs/decisions/0330-service-mode-screens.md). The station key stays unless the technician asks
 * for it to go too. Refused while the box holds ballots the ledger has not confirmed, unless the
 * audit log was exported and nothing but the technician's own notes came after. The station must
 * then restart.
 */
public final class SafeReset {
  public static final String ARCHIVE = "reset-archive";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Station station;

  public SafeReset(Station station) {
    this.station = station;
  }

  /** Whether a reset may go ahead now. */
  public sealed interface Verdict {
    record Allowed(long unsynced, boolean exported) implements Verdict {}

    /** Ballots not yet confirmed by the ledger, and no export since the last audit entry. */
    record Refused(long unsynced) implements Verdict {}
  }

  public Verdict check() {
    var box = station.ballotBox();
    if (box.isEmpty()) {
      return new Verdict.Allowed(0, false);
    }
    OutboxCounts o = box.get().outboxCounts();
    long unsynced = o.pending() + o.submitted();
    boolean exported = exportedUpToNow(box.get());
    if (unsynced > 0 && !exported) {
      return new Verdict.Refused(unsynced);
    }
    return new Verdict.Allowed(unsynced, exported);
  }

  private boolean exportedUpToNow(BallotBox box) {
    StationConfig c = station.context().config();
    return LogExport.lastExportedSeq(c.stateFolder())
        .map(seq -> LogExport.nothingButTechnicianSince(box, seq))
        .orElse(false);
  }

  /**
   * Audits the reset, then moves the station's files into the archive. Returns the archive folder.
   *
   * @throws IllegalStateException when {@link #check} refuses
   */
  public Path run(Role role, String who, boolean keepKey, Instant now) throws IOException {
    Verdict v = check();
    if (v instanceof Verdict.Refused r) {
      throw new IllegalStateException(r.unsynced() + " ballots are not on the ledger yet");
    }
    StationConfig c = station.context().config();
    station.audit(
        new AuditNote(
            role,
            "station-reset",
            who
                + (keepKey ? "; station key kept" : "; station key archived")
                + "; unsynced ballots "
                + ((Verdict.Allowed) v).unsynced()));
    Path archive = c.stateFolder().resolve(ARCHIVE).resolve(STAMP.format(now));
    Path keptState = archive.resolve("state");
    Path keptBox = archive.resolve("ballot-box");
    Files.createDirectories(keptState);
    Files.createDirectories(keptBox);
    for (Path p : children(c.stateFolder())) {
      String name = p.getFileName().toString();
      if (name.equals(ARCHIVE) || (keepKey && name.equals(org.urna.kiosk.polls.StationKeys.FILE))) {
        continue;
      }
      Files.move(p, keptState.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
    if (!c.ballotBoxFolder().normalize().startsWith(c.stateFolder().normalize())) {
      for (Path p : children(c.ballotBoxFolder())) {
        Files.move(p, keptBox.resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    return archive;
  }

  private static List<Path> children(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.sorted().toList();
    }
  }
}
