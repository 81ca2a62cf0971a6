package org.urna.ballotbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.h2.api.ErrorCode;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.ballotbox.BoxFile.Durability;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.ballotbox.outbox.OutboxCounts;
import org.urna.ballotbox.outbox.OutboxEntry;
import org.urna.ballotbox.outbox.OutboxStatus;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.ChallengeReveal;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.Station;
import org.urna.core.role.Role;

/**
 * The station's ballot box: one encrypted H2 file for one election and one station, holding the
 * ballots and their tracking-code chain, the sync outbox and the hash-chained audit log
 * (docs/spec/ballot-box.md).
 *
 * <p><b>Lifecycle.</b> {@link #open} creates the file or opens it after checking both chains; a
 * file that fails a check is refused with a {@link BallotBoxException} and left unchanged. Ballots
 * left pending by a crash are listed by {@link #pendingAtOpen()} and voided by {@link
 * #voidPending}. {@link #close()} compacts the file, dropping old page versions.
 *
 * <p><b>Durability.</b> {@link #storePending}, {@link #cast}, {@link #challenge}, {@link
 * #voidPending} and {@link #appendAudit} return only after their transaction is on the disk (H2
 * {@code WRITE_DELAY=0} and {@code CHECKPOINT SYNC}): a power cut afterwards loses nothing. Outbox
 * updates are committed but not forced (sync repeats them after a crash).
 *
 * <p><b>Threads.</b> Every method is safe to call from any thread; calls are serialised on one lock
 * and one connection (the kiosk and sync together make a few calls a second). A file is open in at
 * most one {@code BallotBox} at a time, in this process or any other ({@link Kind#IN_USE}).
 *
 * <p><b>Secrets.</b> No plaintext selection is ever stored; a nonce seed is stored (inside the
 * encrypted file) only while its ballot is pending. Nothing here logs.
 */
public final class BallotBox implements AutoCloseable {
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

  private final ReentrantLock lock = new ReentrantLock();
  private final Path base;
  private final ElectionManifest manifest;
  private final ElectionKey key;
  private final Station station;
  private final Clock clock;
  private final Durability durability;
  private final List<BallotId> pendingAtOpen;
  private Connection connection;
  private TrackingCode head;
  private long chainLength;
  private byte[] auditHead;
  private long auditLength;

  private BallotBox(
      Path base,
      BoxOpener.Opened opened,
      ElectionManifest manifest,
      ElectionKey key,
      Clock clock,
      Durability durability) {
    this.base = base;
    this.manifest = manifest;
    this.key = key;
    this.station = opened.station();
    this.clock = clock;
    this.durability = durability;
    this.connection = opened.connection();
    this.head = opened.heads().ballotHead();
    this.chainLength = opened.heads().chainLength();
    this.auditHead = opened.heads().auditHead();
    this.auditLength = opened.heads().auditLength();
    this.pendingAtOpen = List.copyOf(opened.heads().pending());
  }

  /**
   * Creates the ballot box at {@code path} (H2 adds {@code .mv.db}) or opens the existing one.
   *
   * @throws BallotBoxException WRONG_PASSWORD, OTHER_ELECTION, OTHER_STATION, UNKNOWN_STATION,
   *     TAMPERED, CORRUPT, IN_USE, UNUSABLE_PASSWORD or STORAGE_FAILURE; the file is then unchanged
   */
  public static BallotBox open(
      Path path, char[] password, ElectionManifest manifest, ElectionKey key, String stationId) {
    return open(path, password, manifest, key, stationId, Clock.systemUTC());
  }

  /** As {@link #open(Path, char[], ElectionManifest, ElectionKey, String)}, with a clock. */
  public static BallotBox open(
      Path path,
      char[] password,
      ElectionManifest manifest,
      ElectionKey key,
      String stationId,
      Clock clock) {
    return open(path, password, manifest, key, stationId, clock, Durability.FSYNC);
  }

  static BallotBox open(
      Path path,
      char[] password,
      ElectionManifest manifest,
      ElectionKey key,
      String stationId,
      Clock clock,
      Durability durability) {
    Path base = path.toAbsolutePath().normalize();
    if (!OPEN.add(base)) {
      throw new BallotBoxException(
          Kind.IN_USE, "The ballot box " + base + " is already open in this program.");
    }
    try {
      long hour = clock.instant().getEpochSecond() / 3600;
      BoxOpener.Opened opened =
          BoxOpener.open(base, password, manifest, key, stationId, hour, durability);
      BallotBox box = new BallotBox(base, opened, manifest, key, clock, durability);
      if (opened.heads().chainLength() == 0 && opened.heads().auditLength() == 0) {
        box.appendAudit(Role.KIOSK, "box-created", "election " + manifest.electionId());
      }
      box.appendAudit(
          Role.KIOSK,
          "box-opened",
          opened.heads().chainLength()
              + " recorded ballots, "
              + opened.heads().pending().size()
              + " pending");
      return box;
    } catch (RuntimeException e) {
      OPEN.remove(base);
      throw e;
    }
  }

  public ElectionManifest manifest() {
    return manifest;
  }

  public String stationId() {
    return station.id();
  }

  /**
   * Keeps an encrypted ballot and its nonce seed until the voter casts or challenges it. Durable.
   *
   * @throws BallotBoxException DUPLICATE_BALLOT, FOREIGN_BALLOT, CLOSED, STORAGE_FAILURE
   */
  public void storePending(EncryptedBallot ballot, NonceSeed seed) {
    if (!Arrays.equals(ballot.extendedHash(), key.extendedHash())
        || !ballot.stationId().equals(station.id())) {
      throw new BallotBoxException(
          Kind.FOREIGN_BALLOT,
          "Ballot " + ballot.ballotId() + " was made for another election or station.");
    }
    inTransaction(
        true,
        c -> {
          if (BallotRows.state(c, ballot.ballotId()).isPresent()) {
            throw new BallotBoxException(
                Kind.DUPLICATE_BALLOT,
                "A ballot with id " + ballot.ballotId() + " is already in the box.");
          }
          BallotRows.insertPending(c, ballot, seed);
          return null;
        });
  }

  /**
   * Casts a pending ballot: in one durable transaction the ballot joins the chain with its new
   * tracking code, its nonce seed is erased, an outbox row and an audit entry are written.
   *
   * @throws BallotBoxException UNKNOWN_BALLOT, ALREADY_CAST, ALREADY_CHALLENGED, WRONG_STATION_KEY,
   *     CLOSED, STORAGE_FAILURE
   */
  public RecordedBallot cast(BallotId id, SigningKey stationKey) {
    return record(id, BallotState.CAST, null, stationKey);
  }

  /**
   * Challenges (spoils) a pending ballot: records it with its nonce seed and the choices printed on
   * the paper record, for anyone to check; never counted.
   */
  public RecordedBallot challenge(BallotId id, PlaintextBallot claimed, SigningKey stationKey) {
    if (claimed == null) {
      throw new BallotBoxException(Kind.INVALID_REQUEST, "A challenge needs the printed choices.");
    }
    return record(id, BallotState.CHALLENGED, claimed, stationKey);
  }

  /** Ballots found pending when the box was opened (left by a crash or a power cut). */
  public List<BallotId> pendingAtOpen() {
    return pendingAtOpen;
  }

  /**
   * Voids every pending ballot (decision 0043): each is recorded as challenged, with the choices
   * recovered from its nonce seed, so that a printed paper record is accounted for and the ballot
   * is never counted.
   */
  public List<RecordedBallot> voidPending(SigningKey stationKey) {
    lock.lock();
    try {
      List<BallotId> ids = read(BallotRows::pendingIds);
      return ids.stream().map(id -> record(id, BallotState.CHALLENGED, null, stationKey)).toList();
    } finally {
      lock.unlock();
    }
  }

  private RecordedBallot record(
      BallotId id, BallotState state, PlaintextBallot claimed, SigningKey stationKey) {
    if (!stationKey.publicKey().equals(station.key())) {
      throw new BallotBoxException(
          Kind.WRONG_STATION_KEY,
          "The signing key is not the key of station "
              + station.id()
              + " in the election package.");
    }
    return inTransaction(
        true,
        c -> {
          String now = BallotRows.state(c, id).orElseThrow(() -> unknown(id));
          switch (now) {
            case "CAST" ->
                throw new BallotBoxException(
                    Kind.ALREADY_CAST, "Ballot " + id + " was already cast.");
            case "CHALLENGED" ->
                throw new BallotBoxException(
                    Kind.ALREADY_CHALLENGED, "Ballot " + id + " was already challenged.");
            default -> {}
          }
          BallotRows.Pending p = BallotRows.pending(c, id);
          if (claimed != null && !claimed.ballotStyleId().equals(p.body().ballotStyleId())) {
            throw new BallotBoxException(
                Kind.INVALID_REQUEST,
                "The printed choices are for ballot style "
                    + claimed.ballotStyleId()
                    + ", ballot "
                    + id
                    + " is of style "
                    + p.body().ballotStyleId()
                    + ".");
          }
          ChallengeReveal reveal = null;
          String action = "ballot-cast";
          if (state == BallotState.CHALLENGED) {
            PlaintextBallot choices = claimed;
            action = "ballot-challenged";
            if (choices == null) {
              choices = PendingRecovery.choices(p.body(), p.seed(), key);
              action = "pending-ballot-voided";
            }
            reveal = new ChallengeReveal(p.seed(), choices);
          }
          RecordedBallot rb = RecordedBallot.record(p.body(), state, reveal, head, stationKey);
          TrackingCode code = rb.code();
          long position = chainLength + 1;
          BallotRows.record(c, position, rb, code);
          OutboxRows.insert(c, id, position);
          AuditEntry entry =
              AuditEntry.next(
                  auditLength + 1,
                  hour(),
                  Role.KIOSK,
                  action,
                  "ballot " + id + " at position " + position,
                  auditHead);
          AuditRows.insert(c, entry);
          return new Step<>(rb, () -> advance(code, position, entry));
        });
  }

  /** Appends an audit entry (role, a short action word like {@code polls-opened}, details). */
  public AuditEntry appendAudit(Role role, String action, String details) {
    return inTransaction(
        true,
        c -> {
          AuditEntry entry;
          try {
            entry = AuditEntry.next(auditLength + 1, hour(), role, action, details, auditHead);
          } catch (IllegalArgumentException e) {
            throw new BallotBoxException(Kind.INVALID_REQUEST, e.getMessage(), e);
          }
          AuditRows.insert(c, entry);
          return new Step<>(entry, () -> advance(head, chainLength, entry));
        });
  }

  /** Audit entries with sequence numbers {@code from, from+1, ...}, at most {@code limit}. */
  public List<AuditEntry> auditEntries(long from, int limit) {
    return read(c -> AuditRows.read(c, from, limit));
  }

  public BallotCounts counts() {
    return read(BallotRows::counts);
  }

  /** The tracking code of the last recorded ballot (the chain's seed when there is none). */
  public TrackingCode lastTrackingCode() {
    lock.lock();
    try {
      checkOpen();
      return head;
    } finally {
      lock.unlock();
    }
  }

  /** Every recorded ballot, in chain order (for verification, the tally, the closing report). */
  public void forEachRecorded(Consumer<RecordedBallot> action) {
    long from = 1;
    while (true) {
      long start = from;
      List<RecordedBallot> page = read(c -> BallotRows.recorded(c, start, 256));
      page.forEach(action);
      if (page.size() < 256) {
        return;
      }
      from += page.size();
    }
  }

  /** The oldest outbox rows not yet accepted by the ledger, in chain order. */
  public List<OutboxEntry> nextToSubmit(int limit) {
    return read(c -> OutboxRows.withStatus(c, OutboxStatus.PENDING, limit));
  }

  /** The outbox rows accepted by the ledger and waiting for an inclusion proof, in chain order. */
  public List<OutboxEntry> awaitingConfirmation(int limit) {
    return read(c -> OutboxRows.withStatus(c, OutboxStatus.SUBMITTED, limit));
  }

  /** The ledger accepted these ballots; counts an attempt. */
  public void markSubmitted(Collection<BallotId> ids) {
    outboxUpdate(ids, (c, id) -> OutboxRows.markSubmitted(c, id));
  }

  /** Sending failed: the row goes back to pending with the error, and counts an attempt. */
  public void markFailed(BallotId id, String error) {
    outboxUpdate(List.of(id), (c, i) -> OutboxRows.markFailed(c, i, error));
  }

  /** Inclusion proven against a quorum-cosigned checkpoint of {@code size} entries. */
  public void markConfirmed(Collection<BallotId> ids, long checkpointSize, byte[] rootHash) {
    if (checkpointSize < 1 || rootHash == null || rootHash.length != 32) {
      throw new BallotBoxException(
          Kind.INVALID_REQUEST, "A confirmation needs a checkpoint size and a 32-byte root hash.");
    }
    outboxUpdate(ids, (c, id) -> OutboxRows.markConfirmed(c, id, checkpointSize, rootHash));
  }

  public OutboxCounts outboxCounts() {
    return read(OutboxRows::counts);
  }

  /**
   * Closes the file after compacting it (old page versions, and the seeds in them, are dropped).
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (connection == null) {
        return;
      }
      try (var s = connection.createStatement()) {
        connection.commit();
        s.execute("SHUTDOWN COMPACT");
      } catch (SQLException e) {
        throw BoxFile.storageFailure(e);
      } finally {
        BoxOpener.closeQuietly(connection);
        connection = null;
        OPEN.remove(base);
      }
    } finally {
      lock.unlock();
    }
  }

  // --- transactions -------------------------------------------------------------------------

  /** A result plus what to update in memory once the transaction is committed. */
  private record Step<T>(T value, Runnable onCommit) {}

  private interface Work<T> {
    Object run(Connection c) throws SQLException;
  }

  private interface Query<T> {
    T run(Connection c) throws SQLException;
  }

  private interface RowUpdate {
    void run(Connection c, BallotId id) throws SQLException;
  }

  private void advance(TrackingCode code, long position, AuditEntry entry) {
    head = code;
    chainLength = position;
    auditHead = entry.hash();
    auditLength = entry.seq();
  }

  @SuppressWarnings("unchecked")
  private <T> T inTransaction(boolean durable, Work<T> work) {
    lock.lock();
    try {
      checkOpen();
      try {
        Object result = work.run(connection);
        connection.commit();
        Object value = result;
        if (result instanceof Step<?> step) {
          step.onCommit().run();
          value = step.value();
        }
        if (durable && durability == Durability.FSYNC) {
          forceToDisk();
        }
        return (T) value;
      } catch (SQLException e) {
        rollback();
        if (e.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) {
          throw new BallotBoxException(
              Kind.DUPLICATE_BALLOT, "That ballot is already in the box.", e);
        }
        throw BoxFile.storageFailure(e);
      } catch (RuntimeException e) {
        rollback();
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private <T> T read(Query<T> query) {
    lock.lock();
    try {
      checkOpen();
      try {
        T value = query.run(connection);
        connection.commit();
        return value;
      } catch (SQLException e) {
        rollback();
        throw BoxFile.storageFailure(e);
      }
    } finally {
      lock.unlock();
    }
  }

  private void outboxUpdate(Collection<BallotId> ids, RowUpdate update) {
    inTransaction(
        false,
        c -> {
          for (BallotId id : ids) {
            OutboxRows.status(c, id);
            update.run(c, id);
          }
          return null;
        });
  }

  /** After a commit: a failure here means committed but perhaps not on the disk. */
  private void forceToDisk() {
    try {
      BoxFile.sync(connection);
    } catch (SQLException e) {
      throw new BallotBoxException(
          Kind.STORAGE_FAILURE,
          "The ballot box was written but could not be forced to the disk (H2 error "
              + e.getErrorCode()
              + "): check the disk before going on.",
          e);
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the transaction is abandoned either way
    }
  }

  private void checkOpen() {
    if (connection == null) {
      throw new BallotBoxException(Kind.CLOSED, "The ballot box is closed.");
    }
  }

  private long hour() {
    return clock.instant().getEpochSecond() / 3600;
  }

  private static BallotBoxException unknown(BallotId id) {
    return new BallotBoxException(Kind.UNKNOWN_BALLOT, "There is no ballot " + id + " in the box.");
  }
}
