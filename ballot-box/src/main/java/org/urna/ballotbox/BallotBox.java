package org.urna.ballotbox;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.h2.api.ErrorCode;
import org.urna.ballotbox.BallotBoxException.Kind;
import org.urna.ballotbox.BoxFile.Durability;
import org.urna.ballotbox.audit.AuditEntry;
import org.urna.ballotbox.outbox.Inclusion;
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
 * <p><b>Lifecycle.</b> {@link #open} creates the file atomically or opens it after checking both
 * chains and the signed head on a read-only connection; a file that fails a check is refused with a
 * {@link BallotBoxException} and left byte for byte unchanged. {@link #openReadOnly} opens for
 * verification only and never creates or writes. Ballots left pending by a crash are listed by
 * {@link #pendingAtOpen()} and voided by {@link #voidPending}. {@link #close()} compacts the file,
 * dropping old page versions.
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
 * <p><b>Secrets.</b> No plaintext selection is ever stored. While a ballot is pending, H2 holds its
 * nonce seed XOR a one-time pad kept in a file beside the box; the pad is overwritten and deleted
 * when the ballot is cast (decision 0051), so no version of the file holds a cast ballot's seed.
 * The box zeroes its own copies; the caller destroys its {@code NonceSeed} once {@link
 * #storePending} returned. Nothing here logs.
 *
 * <p><b>What it acknowledged.</b> After every durable change the box writes its signed head ({@code
 * <path>.head}, decision 0047); an open refuses a file that is behind it.
 */
public final class BallotBox implements AutoCloseable {
  private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
  private static final int MAX_NOTE = 1 << 20;

  private final ReentrantLock lock = new ReentrantLock();
  private final Path base;
  private final ElectionManifest manifest;
  private final ElectionKey key;
  private final Station station;
  private final Clock clock;
  private final Durability durability;
  private final List<BallotId> pendingAtOpen;
  private final SigningKey signer;
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
      SigningKey signer,
      Clock clock,
      Durability durability) {
    this.base = base;
    this.signer = signer;
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
   * Creates the ballot box at {@code path} (H2 adds {@code .mv.db}; the signed head is {@code
   * <path>.head}) or opens the existing one after checking it read-only. The station key signs the
   * box's head after every durable change (decision 0047).
   *
   * @throws BallotBoxException WRONG_PASSWORD, OTHER_ELECTION, OTHER_STATION, UNKNOWN_STATION,
   *     WRONG_STATION_KEY, TAMPERED, ROLLED_BACK, CORRUPT, IN_USE, UNUSABLE_PASSWORD, NOT_WRITABLE
   *     or STORAGE_FAILURE; the file is then byte for byte as it was
   */
  public static BallotBox open(
      Path path,
      char[] password,
      ElectionManifest manifest,
      ElectionKey key,
      String stationId,
      SigningKey stationKey) {
    return open(path, password, manifest, key, stationId, stationKey, Clock.systemUTC());
  }

  /**
   * As {@link #open(Path, char[], ElectionManifest, ElectionKey, String, SigningKey)}, with a
   * clock.
   */
  public static BallotBox open(
      Path path,
      char[] password,
      ElectionManifest manifest,
      ElectionKey key,
      String stationId,
      SigningKey stationKey,
      Clock clock) {
    if (stationKey == null) {
      throw new BallotBoxException(
          Kind.WRONG_STATION_KEY, "Opening a ballot box for voting needs the station key.");
    }
    return open(path, password, manifest, key, stationId, stationKey, clock, Durability.FSYNC);
  }

  /**
   * Opens an existing ballot box for reading only (verification, the tally): every check of the
   * open is made, nothing is ever written or created, and every change is refused (READ_ONLY).
   *
   * @throws BallotBoxException NOT_FOUND when there is no box at {@code path}, and the refusals of
   *     {@link #open(Path, char[], ElectionManifest, ElectionKey, String, SigningKey)}
   */
  public static BallotBox openReadOnly(
      Path path, char[] password, ElectionManifest manifest, ElectionKey key, String stationId) {
    return open(
        path, password, manifest, key, stationId, null, Clock.systemUTC(), Durability.FSYNC);
  }

  static BallotBox open(
      Path path,
      char[] password,
      ElectionManifest manifest,
      ElectionKey key,
      String stationId,
      SigningKey stationKey,
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
          BoxOpener.open(base, password, manifest, key, stationId, stationKey, hour, durability);
      BallotBox box = new BallotBox(base, opened, manifest, key, stationKey, clock, durability);
      if (stationKey != null) {
        box.removeStalePads();
        box.appendAudit(
            Role.KIOSK,
            "box-opened",
            opened.heads().chainLength()
                + " recorded ballots, "
                + opened.heads().pending().size()
                + " pending");
      }
      return box;
    } catch (RuntimeException e) {
      OPEN.remove(base);
      throw e;
    }
  }

  /** True when this box was opened by {@link #openReadOnly} and refuses every change. */
  public boolean readOnly() {
    return signer == null;
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
          byte[] pad = newPad(ballot.ballotId());
          byte[] plain = seed.toBytes();
          byte[] masked = BoxFiles.xor(plain, pad);
          Arrays.fill(plain, (byte) 0);
          Arrays.fill(pad, (byte) 0);
          try {
            BallotRows.insertPending(c, ballot, masked);
          } catch (SQLException | RuntimeException e) {
            erasePad(ballot.ballotId());
            throw e;
          }
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
            NonceSeed seed = unmask(id, p.maskedSeed());
            PlaintextBallot choices = claimed;
            action = "ballot-challenged";
            if (choices == null) {
              choices = PendingRecovery.choices(p.body(), seed, key);
              action = "pending-ballot-voided";
            }
            reveal = new ChallengeReveal(seed, choices);
          }
          Arrays.fill(p.maskedSeed(), (byte) 0);
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
          return new Step<>(rb, () -> advance(code, position, entry), () -> erasePad(id));
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
          return new Step<>(entry, () -> advance(head, chainLength, entry), null);
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

  /**
   * The station's signature over election-core's {@link org.urna.core.ballot.BatchStatement} of
   * these recorded ballots (bytes as {@link #nextToSubmit} gave them), for a signed upload to the
   * ledger: one signature over every byte of the batch (docs/spec/sync.md).
   */
  public org.urna.core.crypto.Signature signBatch(List<byte[]> recordedBallots) {
    if (signer == null) {
      throw new BallotBoxException(
          Kind.READ_ONLY, "A ballot box opened for reading cannot sign a batch for the ledger.");
    }
    return org.urna.core.ballot.BatchStatement.sign(
        signer, key.extendedHash(), station.id(), recordedBallots);
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

  /**
   * Inclusion proven against a quorum-cosigned checkpoint of {@code checkpointSize} entries with
   * root {@code rootHash}: the box stores each ballot's inclusion proof and the signed checkpoint
   * note (its C2SP text, signatures included) so that the confirmation can be re-checked at every
   * open (decision 0054). Refused (INVALID_REQUEST, nothing stored) when the note does not name
   * this size and root or a proof does not lead from the ballot's ledger entry to the root.
   */
  public void markConfirmed(
      Collection<Inclusion> proofs, byte[] checkpointNote, long checkpointSize, byte[] rootHash) {
    if (checkpointSize < 1
        || rootHash == null
        || rootHash.length != 32
        || checkpointNote == null
        || checkpointNote.length > MAX_NOTE) {
      throw new BallotBoxException(
          Kind.INVALID_REQUEST,
          "A confirmation needs a checkpoint size, a 32-byte root hash and the signed note (at most"
              + " 1 MiB).");
    }
    byte[] note = checkpointNote.clone();
    byte[] root = rootHash.clone();
    inTransaction(
        false,
        c -> {
          OutboxRows.keepNote(c, checkpointSize, root, note);
          for (Inclusion proof : proofs) {
            OutboxRows.status(c, proof.ballotId());
            byte[][] entry = OutboxRows.ledgerEntry(c, proof.ballotId());
            byte[] path = joined(proof.path());
            Optional<String> why =
                LedgerProof.failure(
                    entry[0], entry[1], checkpointSize, root, proof.leafIndex(), path, note);
            if (why.isPresent()) {
              throw new BallotBoxException(
                  Kind.INVALID_REQUEST,
                  "The confirmation of ballot "
                      + proof.ballotId()
                      + " does not hold: "
                      + why.get());
            }
            OutboxRows.markConfirmed(
                c, proof.ballotId(), checkpointSize, root, proof.leafIndex(), path);
          }
          return null;
        });
  }

  /** Decides whether a stored signed checkpoint note satisfies the election's trust policy. */
  @FunctionalInterface
  public interface CheckpointCheck {
    /** Empty when the note is trusted (log signature and quorum of cosignatures); else why not. */
    Optional<String> refusal(byte[] signedNote);
  }

  /**
   * The confirmed ballots whose stored checkpoint note {@code check} refuses, with the reason. The
   * box itself re-checks every stored proof and note body at open; the signatures need the trust
   * policy, which the box does not hold: sync (which has it) or a verifier calls this.
   */
  public Map<BallotId, String> confirmationsRefusedBy(CheckpointCheck check) {
    return read(
        c -> {
          Map<BallotId, String> refused = new LinkedHashMap<>();
          try (var ps =
                  c.prepareStatement(
                      "SELECT o.ballot_id, n.note FROM outbox o LEFT JOIN checkpoint_note n"
                          + " ON n.checkpoint_size = o.checkpoint_size"
                          + " WHERE o.status = 'CONFIRMED' ORDER BY o.chain_pos");
              var rs = ps.executeQuery()) {
            while (rs.next()) {
              BallotId id = BallotId.of(rs.getBytes(1));
              byte[] note = rs.getBytes(2);
              Optional<String> why =
                  note == null ? Optional.of("no stored checkpoint note") : check.refusal(note);
              why.ifPresent(w -> refused.put(id, w));
            }
          }
          return refused;
        });
  }

  private static byte[] joined(List<byte[]> path) {
    byte[] out = new byte[path.size() * 32];
    for (int i = 0; i < path.size(); i++) {
      System.arraycopy(path.get(i), 0, out, i * 32, 32);
    }
    return out;
  }

  /**
   * The signed checkpoint note of the largest tree that confirmed a ballot of this box (its C2SP
   * text, signatures included, as {@link #markConfirmed} stored it), or empty before the first
   * confirmation. The zero, pause and closing reports print it.
   */
  public Optional<byte[]> latestCheckpointNote() {
    return read(
        c -> {
          try (var ps =
                  c.prepareStatement(
                      "SELECT note FROM checkpoint_note ORDER BY checkpoint_size DESC LIMIT 1");
              var rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
          }
        });
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
      try {
        if (signer == null) {
          connection.close(); // read-only: nothing to write, nothing to compact
        } else {
          try (var s = connection.createStatement()) {
            connection.commit();
            s.execute("SHUTDOWN COMPACT");
          }
        }
      } catch (SQLException e) {
        throw BoxFile.storageFailure(e);
      } finally {
        // after SHUTDOWN the connection is dead: close it without a rollback (which would fail)
        BoxCreation.closeDead(connection);
        connection = null;
        OPEN.remove(base);
      }
    } finally {
      lock.unlock();
    }
  }

  // --- transactions -------------------------------------------------------------------------

  /**
   * A result plus what to update in memory once the transaction is committed, and what to do once
   * it is on the disk (before the signed head is written).
   */
  private record Step<T>(T value, Runnable onCommit, Runnable afterDurable) {}

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
      checkWritable();
      try {
        Object result = work.run(connection);
        connection.commit();
        Object value = result;
        Runnable afterDurable = null;
        if (result instanceof Step<?> step) {
          step.onCommit().run();
          value = step.value();
          afterDurable = step.afterDurable();
        }
        if (durable) {
          if (durability == Durability.FSYNC) {
            forceToDisk();
          }
          if (afterDurable != null) {
            afterDurable.run();
          }
          writeHead();
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

  /** Signs and writes the head for what is now committed (decision 0047). */
  private void writeHead() {
    try {
      BoxHead.sign(
              signer, key.extendedHash(), station.id(), chainLength, head, auditLength, auditHead)
          .write(base);
    } catch (IOException e) {
      throw new BallotBoxException(
          Kind.STORAGE_FAILURE,
          "The ballot box was written but the station's signed record beside it ("
              + BoxHead.file(base).getFileName()
              + ") could not be: "
              + e.getMessage()
              + ". Check the disk before going on.",
          e);
    }
  }

  private byte[] newPad(BallotId id) {
    try {
      return BoxFiles.createPad(base, id);
    } catch (IOException e) {
      throw new BallotBoxException(
          Kind.STORAGE_FAILURE,
          "The ballot could not be kept: the file for its nonce seed could not be written ("
              + e.getMessage()
              + "). Check the disk. Nothing was changed.",
          e);
    }
  }

  private NonceSeed unmask(BallotId id, byte[] masked) {
    byte[] pad;
    try {
      pad = BoxFiles.readPad(base, id);
    } catch (IOException e) {
      throw new BallotBoxException(
          Kind.STORAGE_FAILURE,
          "The file of ballot " + id + "'s nonce seed cannot be read: " + e.getMessage(),
          e);
    }
    if (pad == null) {
      throw ChainCheck.tampered(
          "pending ballot " + id, "the file that unlocks its nonce seed is missing or damaged");
    }
    byte[] plain = BoxFiles.xor(masked, pad);
    NonceSeed seed = NonceSeed.of(plain);
    Arrays.fill(plain, (byte) 0);
    Arrays.fill(pad, (byte) 0);
    return seed;
  }

  /** Overwrites and deletes a pad; a failure leaves a pad that the next open erases. */
  private void erasePad(BallotId id) {
    try {
      BoxFiles.erasePad(base, id);
    } catch (IOException e) {
      throw new BallotBoxException(
          Kind.STORAGE_FAILURE,
          "Ballot "
              + id
              + " was recorded, but the file of its nonce seed could not be erased: "
              + e.getMessage()
              + ". Check the disk; the next open erases it.",
          e);
    }
  }

  /** Erases pads of ballots that are no longer pending (a crash right after their cast). */
  private void removeStalePads() {
    try {
      var pending = pendingAtOpen.stream().map(BallotId::toHex).toList();
      for (String hex : BoxFiles.padIds(base)) {
        if (!pending.contains(hex)) {
          BoxFiles.erasePad(base, BallotId.fromHex(hex));
        }
      }
      java.nio.file.Files.deleteIfExists(
          BoxFile.dataFile(base.resolveSibling(base.getFileName() + ".creating")));
    } catch (IOException | IllegalArgumentException e) {
      throw new BallotBoxException(
          Kind.STORAGE_FAILURE,
          "Old nonce-seed files beside the ballot box could not be erased: "
              + e.getMessage()
              + ". Check the disk.",
          e);
    }
  }

  private void checkWritable() {
    if (signer == null) {
      throw new BallotBoxException(
          Kind.READ_ONLY, "This ballot box was opened for verification only: it cannot change.");
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
