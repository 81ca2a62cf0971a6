package org.urna.kiosk.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.urna.ballotbox.BallotBox;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.ballotbox.outbox.OutboxCounts;
import org.urna.core.crypto.SigningKey;
import org.urna.core.role.Role;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.station.StationLifecycleEvent.Kind;
import org.urna.core.station.StationLifecycleEvent.ResetReason;
import org.urna.kiosk.config.StationConfig;
import org.urna.kiosk.operator.Station;
import org.urna.kiosk.polls.ResetNote;
import org.urna.kiosk.station.operator.AuditNote;
import org.urna.sync.StationEventOutbox;

/**
 * Clears the station for a new election: the ballot box's folder and the state folder (the loaded
 * election package, the polls' state, the sync state, the journal) are moved into {@code <state
 * folder>/}{@value #ARCHIVE}{@code /<time>/}, never deleted, so nothing a recount needs is lost
 * (docs/decisions/0330-service-mode-screens.md). The station key stays unless the technician asks
 * for it to go too.
 *
 * <p>With an election loaded, the reset is a signed station event on the ledger (decision 0349):
 * the station signs a reset that counts the box's ballots with its chain head and says why, queues
 * it (from then on no ballot is taken), and archives the box only once the ledger confirmed every
 * ballot and every event up to the reset, or once an audit-log export holds the reset event. It is
 * refused before anything is signed while ballots or events wait for the ledger and no export
 * covers them; refused after signing, with the reset kept queued, when the ledger does not confirm
 * it and no export can be written. The station must then restart.
 */
public final class SafeReset {
  public static final String ARCHIVE = "reset-archive";

  /** How long a reset waits for the ledger to confirm its event. */
  public static final Duration LEDGER_PATIENCE = Duration.ofSeconds(20);

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Station station;
  private final Callable<Optional<SigningKey>> key;
  private final Duration patience;

  /** A reset that cannot write an export itself (no station key at hand). */
  public SafeReset(Station station) {
    this(station, Optional::empty, LEDGER_PATIENCE);
  }

  /**
   * @param key the station key, to sign the export a reset writes when the ledger does not confirm
   *     it
   * @param patience how long the reset waits for the ledger to confirm its event
   */
  public SafeReset(Station station, Callable<Optional<SigningKey>> key, Duration patience) {
    this.station = station;
    this.key = key;
    this.patience = patience;
  }

  /** Whether a reset may go ahead now. */
  public sealed interface Verdict {
    /**
     * @param unsynced ballots the ledger has not confirmed
     * @param events station events the ledger has not confirmed (a queued reset not counted)
     * @param exported whether an export of the audit log covers them
     * @param pending the reset event queued earlier and not finished, if any
     */
    record Allowed(
        long unsynced, long events, boolean exported, Optional<StationLifecycleEvent> pending)
        implements Verdict {}

    /** Ballots or events not yet confirmed by the ledger, and no export since. */
    record Refused(long unsynced, long events, Optional<StationLifecycleEvent> pending)
        implements Verdict {}
  }

  /**
   * The reset event was signed and queued (the station takes no ballot any more), but the ledger
   * did not confirm it and no export could be written: the box stays where it is.
   */
  public static final class ResetPending extends IllegalStateException {
    private final transient StationLifecycleEvent event;
    private final long unsynced;

    ResetPending(StationLifecycleEvent event, long unsynced) {
      super(
          "the station's reset (event "
              + event.sequence()
              + ") is signed and queued, but the ledger has not confirmed it"
              + (unsynced > 0 ? " nor " + unsynced + " ballots" : "")
              + "; connect the ledger and reset again, or export the audit log (it holds the"
              + " reset) and reset again");
      this.event = event;
      this.unsynced = unsynced;
    }

    public StationLifecycleEvent event() {
      return event;
    }

    public long unsynced() {
      return unsynced;
    }
  }

  /** What a reset did. */
  public record Done(Path archive, Optional<StationLifecycleEvent> event, boolean onLedger) {}

  public Verdict check() {
    var box = station.ballotBox();
    if (box.isEmpty()) {
      return new Verdict.Allowed(0, 0, false, Optional.empty());
    }
    OutboxCounts o = box.get().outboxCounts();
    long unsynced = o.pending() + o.submitted();
    List<StationLifecycleEvent> events = station.queuedEvents();
    Optional<StationLifecycleEvent> pending =
        events.isEmpty() || events.getLast().kind() != Kind.RESET
            ? Optional.empty()
            : Optional.of(events.getLast());
    long confirmed = station.eventsConfirmed();
    long waiting =
        events.stream()
            .filter(e -> e.sequence() > confirmed)
            .filter(e -> e.kind() != Kind.RESET)
            .count();
    boolean exported = exportedUpToNow(box.get());
    if (unsynced + waiting > 0 && !exported) {
      return new Verdict.Refused(unsynced, waiting, pending);
    }
    return new Verdict.Allowed(unsynced, waiting, exported, pending);
  }

  private boolean exportedUpToNow(BallotBox box) {
    StationConfig c = station.context().config();
    return LogExport.lastExportedSeq(c.stateFolder())
        .map(seq -> LogExport.nothingButTechnicianSince(box, seq))
        .orElse(false);
  }

  /** Resets with a reason chosen from the station's last event. */
  public Path run(Role role, String who, boolean keepKey, Instant now) throws IOException {
    return run(role, who, keepKey, suggestedReason(), now).archive();
  }

  /** The reason a reset most likely has now: after closing, before opening, or a fault. */
  public ResetReason suggestedReason() {
    List<StationLifecycleEvent> events = station.queuedEvents();
    if (events.isEmpty()) {
      return ResetReason.SET_UP_AGAIN;
    }
    return switch (events.getLast().kind()) {
      case POLLS_CLOSED -> ResetReason.ELECTION_OVER;
      case ELECTION_LOADED -> ResetReason.SET_UP_AGAIN;
      case RESET -> events.getLast().resetReason().orElse(ResetReason.OTHER);
      default -> ResetReason.FAULT;
    };
  }

  /**
   * Signs and queues the reset event, waits for the ledger to confirm it (or writes an export that
   * holds it), audits the reset, then moves the station's files into the archive.
   *
   * @throws IllegalStateException when {@link #check} refuses (nothing was signed)
   * @throws ResetPending when the reset was queued but neither the ledger nor an export holds it
   */
  public Done run(Role role, String who, boolean keepKey, ResetReason why, Instant now)
      throws IOException {
    Verdict v = check();
    if (v instanceof Verdict.Refused r) {
      throw new IllegalStateException(
          r.unsynced()
              + " ballots and "
              + r.events()
              + " station events are not on the ledger yet; export the audit log first");
    }
    Verdict.Allowed allowed = (Verdict.Allowed) v;
    StationConfig c = station.context().config();
    Optional<StationLifecycleEvent> reset = station.queueReset(role, why);
    boolean onLedger = false;
    String where = "no election loaded";
    if (reset.isPresent()) {
      StationLifecycleEvent e = reset.get();
      onLedger = station.confirmedByLedger(e.sequence(), patience);
      BallotBox box = station.ballotBox().orElseThrow();
      if (onLedger) {
        where = "reset event " + e.sequence() + " and every ballot confirmed by the ledger";
      } else {
        long unsynced = box.outboxCounts().pending() + box.outboxCounts().submitted();
        Optional<Path> written = exportHoldingReset(box, e, role, now);
        if (written.isEmpty()) {
          station.audit(
              new AuditNote(
                  role,
                  "station-reset-waits",
                  "reset event "
                      + e.sequence()
                      + " not confirmed by the ledger; "
                      + unsynced
                      + " ballots unconfirmed; no export holds it"));
          throw new ResetPending(e, unsynced);
        }
        where = "reset event " + e.sequence() + " not confirmed by the ledger; in the export";
      }
      boolean opened = station.queuedEvents().stream().anyMatch(x -> x.kind() == Kind.POLLS_OPENED);
      ResetNote.of(e, opened, onLedger).write(c.stateFolder());
    }
    station.audit(
        new AuditNote(
            role,
            "station-reset",
            who
                + (keepKey ? "; station key kept" : "; station key archived")
                + "; unsynced ballots "
                + allowed.unsynced()
                + "; "
                + where));
    Path archive = c.stateFolder().resolve(ARCHIVE).resolve(STAMP.format(now));
    Path keptState = archive.resolve("state");
    Path keptBox = archive.resolve("ballot-box");
    Files.createDirectories(keptState);
    Files.createDirectories(keptBox);
    for (Path p : children(c.stateFolder())) {
      String name = p.getFileName().toString();
      if (name.equals(ARCHIVE)
          || name.equals(ResetNote.FILE)
          || (keepKey && name.equals(org.urna.kiosk.polls.StationKeys.FILE))) {
        continue;
      }
      Files.move(p, keptState.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
    if (reset.isPresent()) {
      // the archive keeps a copy of the note too
      Files.copy(c.stateFolder().resolve(ResetNote.FILE), keptState.resolve(ResetNote.FILE));
    }
    if (!c.ballotBoxFolder().normalize().startsWith(c.stateFolder().normalize())) {
      for (Path p : children(c.ballotBoxFolder())) {
        Files.move(p, keptBox.resolve(p.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    return new Done(archive, reset, onLedger);
  }

  /**
   * An export that holds the reset event: the last one, if it came after the event and only the
   * technician's notes followed; else a new one, written where the last export went (the drive the
   * technician chose), when that folder is still there and the station key is at hand.
   */
  private Optional<Path> exportHoldingReset(
      BallotBox box, StationLifecycleEvent e, Role role, Instant now) throws IOException {
    StationConfig c = station.context().config();
    long resetEntry = auditEntryOf(box, e);
    Optional<Long> last = LogExport.lastExportedSeq(c.stateFolder());
    if (last.isPresent()
        && last.get() >= resetEntry
        && LogExport.nothingButTechnicianSince(box, last.get())) {
      return lastExportFolder(c.stateFolder());
    }
    Optional<Path> folder =
        lastExportFolder(c.stateFolder()).filter(Files::isDirectory).filter(Files::isWritable);
    Optional<SigningKey> k;
    try {
      k = key.call();
    } catch (Exception x) {
      k = Optional.empty();
    }
    if (folder.isEmpty() || k.isEmpty() || last.isEmpty()) {
      return Optional.empty();
    }
    LogExport.Written w = LogExport.write(box, c.stationId(), k.get(), folder.get(), now);
    station.audit(
        new AuditNote(
            role,
            "audit-log-exported",
            w.entries() + " entries to " + folder.get() + " (with the reset event)"));
    LogExport.remember(c.stateFolder(), w.lastSeq(), folder.get(), now);
    return folder;
  }

  private static long auditEntryOf(BallotBox box, StationLifecycleEvent e) {
    String b64 = java.util.Base64.getEncoder().encodeToString(e.bytes());
    for (AuditEntry a : LogExport.entries(box)) {
      if (a.action().equals(StationEventOutbox.AUDIT_ACTION) && a.details().equals(b64)) {
        return a.seq();
      }
    }
    return Long.MAX_VALUE;
  }

  private static Optional<Path> lastExportFolder(Path stateFolder) {
    try {
      for (String line :
          Files.readAllLines(stateFolder.resolve(LogExport.MARKER), StandardCharsets.UTF_8)) {
        if (line.startsWith("folder ")) {
          return Optional.of(Path.of(line.substring(7)));
        }
      }
    } catch (IOException | RuntimeException e) {
      // no export noted
    }
    return Optional.empty();
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
