package org.urna.ledger.replication;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.merkle.NodeHash;
import org.urna.ledger.note.Checkpoint;
import org.urna.ledger.note.NoteFormatException;
import org.urna.ledger.note.SignedNote;
import org.urna.ledger.witness.WitnessPolicy;

/**
 * The Raft state machine of a validator. Every entry is validated here, on every node, by the same
 * deterministic rules; accepted ballots go to the Merkle log. A snapshot holds the log's entries
 * and the agreed checkpoints, so that a new or wiped node can be brought up to date by Ratis.
 */
public final class LedgerStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerStateMachine.class);
  private static final byte[] SNAP_MAGIC = {'U', 'R', 'N', 'A', 'S', 'N', 'A', 'P'};

  private final Path dataDir;
  private final EntryValidator validator;
  private final WitnessPolicy policy;
  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private volatile LedgerState state;
  private final Object applied = new Object();
  private volatile String stopped;
  private final java.util.concurrent.atomic.AtomicInteger restores =
      new java.util.concurrent.atomic.AtomicInteger();

  public LedgerStateMachine(Path dataDir, EntryValidator validator, WitnessPolicy policy) {
    this.dataDir = dataDir;
    this.validator = validator;
    this.policy = policy;
  }

  public LedgerState state() {
    return state;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    load();
    getLifeCycle().transition(LifeCycle.State.STARTING);
    getLifeCycle().transition(LifeCycle.State.RUNNING);
  }

  /**
   * Ratis pauses the state machine right before it publishes an installed snapshot and then calls
   * {@link #reinitialize}; its updater refuses to reload a state machine that is not paused.
   */
  @Override
  public void pause() {
    if (getLifeCycleState() == LifeCycle.State.RUNNING) {
      getLifeCycle().transition(LifeCycle.State.PAUSING);
      getLifeCycle().transition(LifeCycle.State.PAUSED);
    }
  }

  /**
   * An empty state until Ratis initializes this state machine: a rejoining validator starts its
   * Raft server only once its peers removed it from the group, and answers meanwhile from this.
   */
  synchronized void openEmpty() throws IOException {
    if (state == null) {
      Files.createDirectories(dataDir);
      MerkleLog log = MerkleLog.open(dataDir.resolve("entries.log"));
      log.truncate(0);
      state = new LedgerState(log);
    }
  }

  /**
   * The tree head of the latest quorum-cosigned checkpoint this validator applied (replicated
   * through Raft, restored by log replay and held in snapshots); empty before the first.
   */
  public java.util.Optional<org.urna.ledger.merkle.TreeHead> latestAgreedHead() {
    LedgerState s = state;
    if (s == null) {
      return java.util.Optional.empty();
    }
    return s.latestCheckpoint().map(n -> Checkpoint.parse(n.text()).head());
  }

  @Override
  public SimpleStateMachineStorage getStateMachineStorage() {
    return storage;
  }

  /** Reloads from the latest snapshot (after a snapshot install) and runs again. */
  @Override
  public synchronized void reinitialize() throws IOException {
    load();
    if (getLifeCycleState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
  }

  private synchronized void load() throws IOException {
    SingleFileSnapshotInfo snap = storage.loadLatestSnapshot();
    Path logFile = dataDir.resolve("entries.log");
    if (state != null) {
      state.log().close();
    }
    MerkleLog log = MerkleLog.open(logFile);
    if (log.truncatedOnOpen() > 0) {
      LOG.warn("Cut a torn tail of {} bytes from {}", log.truncatedOnOpen(), logFile);
    }
    List<SignedNote> checkpoints = new ArrayList<>();
    TermIndex restored = null;
    if (snap == null || !Files.exists(snap.getFile().getPath())) {
      // Ratis replays the whole Raft log: start the Merkle log from empty.
      log.truncate(0);
    } else {
      log = restore(snap.getFile().getPath(), log, logFile, checkpoints);
      restored = snap.getTermIndex();
    }
    LedgerState fresh = new LedgerState(log);
    fresh.replaceCheckpoints(checkpoints);
    state = fresh;
    // Only now that the restored state is the one everybody reads: a rejoining validator counts
    // itself caught up (its witness, /ready) once its applied index reaches its peers' index, and
    // indexing the restored entries above takes a while at thousands of them.
    if (restored != null) {
      updateLastAppliedTermIndex(restored);
    }
    LOG.info("Ledger state loaded: {} entries, {} checkpoints", log.size(), checkpoints.size());
  }

  private MerkleLog restore(Path snapFile, MerkleLog log, Path logFile, List<SignedNote> cps)
      throws IOException {
    try (InputStream raw = Files.newInputStream(snapFile);
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
      byte[] magic = in.readNBytes(8);
      if (!java.util.Arrays.equals(magic, SNAP_MAGIC)) {
        throw new IOException("not a ledger snapshot: " + snapFile);
      }
      long size = in.readLong();
      NodeHash root = new NodeHash(in.readNBytes(32));
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        cps.add(SignedNote.parse(in.readNBytes(in.readInt())));
      }
      long recordsStart = 8 + 8 + 32 + 4 + cps.stream().mapToLong(c -> 4 + c.bytes().length).sum();
      if (log.size() >= size && log.root(size).equals(root)) {
        log.truncate(size);
        return log;
      }
      // The local log is missing entries or differs: rebuild it from the snapshot.
      log.close();
      Path tmp = logFile.resolveSibling("entries.log.restore");
      try (FileChannel src = FileChannel.open(snapFile, StandardOpenOption.READ);
          FileChannel dst =
              FileChannel.open(
                  tmp,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.TRUNCATE_EXISTING)) {
        dst.write(ByteBuffer.wrap(new byte[] {'U', 'R', 'N', 'A', 'L', 'O', 'G', '1'}));
        long pos = recordsStart;
        long end = src.size();
        while (pos < end) {
          pos += src.transferTo(pos, end - pos, dst);
        }
        dst.force(true);
      }
      Files.move(
          tmp,
          logFile,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      restores.incrementAndGet();
      MerkleLog rebuilt = MerkleLog.open(logFile);
      if (rebuilt.size() != size || !rebuilt.root(size).equals(root)) {
        throw new IOException("the snapshot's entries do not give its root hash");
      }
      return rebuilt;
    }
  }

  @Override
  public long takeSnapshot() throws IOException {
    LedgerState s;
    TermIndex last;
    synchronized (this) {
      s = state;
      last = getLastAppliedTermIndex();
    }
    if (last == null || last.getIndex() < 0) {
      return -1;
    }
    // The applier is paused by Ratis while a snapshot is taken, so size and index agree.
    long size = s.log().size();
    File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
    Path tmp = file.toPath().resolveSibling(file.getName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(head)) {
        out.write(SNAP_MAGIC);
        out.writeLong(size);
        out.write(s.log().root(size).bytes());
        List<SignedNote> cps = s.checkpoints();
        out.writeInt(cps.size());
        for (SignedNote c : cps) {
          byte[] b = c.bytes();
          out.writeInt(b.length);
          out.write(b);
        }
      }
      ch.write(ByteBuffer.wrap(head.toByteArray()));
      s.log().copyRecordsTo(size, ch);
      ch.force(true);
    }
    Files.move(tmp.toAbsolutePath(), file.toPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    storage.updateLatestSnapshot(
        new SingleFileSnapshotInfo(new FileInfo(file.toPath(), null), last));
    LOG.info("Snapshot at Raft index {}: {} entries", last.getIndex(), size);
    return last.getIndex();
  }

  /**
   * Applies one committed entry. Whatever the entry holds, this never throws and the outcome is the
   * same on every validator: a malformed or unexpected entry becomes a recorded rejection. Only a
   * local fault (the Merkle log cannot be read or written) stops this validator's state machine,
   * because applying later entries on a log that missed one would fork it; the stop is logged, kept
   * ({@link #stoppedBecause()}) and shown by /health.
   */
  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    String halted = stopped;
    if (halted != null) {
      return CompletableFuture.failedFuture(new IOException("state machine stopped: " + halted));
    }
    byte[] reply;
    try {
      byte[] command = entry.getStateMachineLogEntry().getLogData().toByteArray();
      synchronized (this) {
        reply = apply(command);
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
      }
    } catch (IOException | RuntimeException e) {
      stop("could not apply Raft entry " + entry.getIndex() + ": " + e, e);
      return CompletableFuture.failedFuture(e);
    }
    synchronized (applied) {
      applied.notifyAll();
    }
    return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(reply)));
  }

  private void stop(String why, Throwable cause) {
    stopped = why;
    LOG.error(
        "STATE MACHINE STOPPED on this validator: {}. It applies no further entry; /health and"
            + " /ready answer 503 until it is repaired and restarted.",
        why,
        cause);
  }

  /** Why this validator's state machine stopped applying entries; empty while it runs. */
  public java.util.Optional<String> stoppedBecause() {
    return java.util.Optional.ofNullable(stopped);
  }

  /** The Raft index of the last entry applied here (-1 before the first). */
  public long lastAppliedIndex() {
    TermIndex t = getLastAppliedTermIndex();
    return t == null ? -1 : t.getIndex();
  }

  private byte[] apply(byte[] command) throws IOException {
    if (command.length == 0) {
      return new byte[0];
    }
    return switch (command[0]) {
      case Commands.SUBMIT -> {
        List<byte[]> ballots;
        try {
          ballots = Commands.readSubmit(command);
        } catch (IOException | RuntimeException e) {
          yield Commands.verdicts(List.of(new Verdict.Rejected("", "malformed batch")));
        }
        EntryValidator.Decision d = decide(ballots, java.util.Optional.empty());
        state.append(d.leaves());
        yield Commands.verdicts(d.verdicts());
      }
      case Commands.SUBMIT_SIGNED -> {
        Commands.SignedSubmit signed;
        try {
          signed = Commands.readSignedSubmit(command);
        } catch (IOException | RuntimeException e) {
          yield Commands.verdicts(List.of(new Verdict.Rejected("", "malformed batch")));
        }
        EntryValidator.Decision d =
            decide(signed.ballots(), java.util.Optional.of(signed.signature()));
        state.append(d.leaves());
        yield Commands.verdicts(d.verdicts());
      }
      case Commands.SUBMIT_EVENTS -> {
        List<byte[]> events;
        try {
          events = Commands.readEvents(command);
        } catch (IOException | RuntimeException e) {
          yield Commands.verdicts(List.of(new Verdict.Rejected("", "malformed event request")));
        }
        EntryValidator.Decision d;
        try {
          d = validator.decideEvents(events, state);
        } catch (java.io.UncheckedIOException e) {
          throw e;
        } catch (RuntimeException e) {
          LOG.warn("The rules could not decide on station events; all of them are refused", e);
          String why =
              "the validators could not check these events (" + e.getClass().getName() + ")";
          d =
              new EntryValidator.Decision(
                  java.util.Collections.nCopies(events.size(), new Verdict.Rejected("", why)),
                  List.of());
        }
        state.append(d.leaves());
        yield Commands.verdicts(d.verdicts());
      }
      case Commands.CHECKPOINT ->
          applyCheckpoint(java.util.Arrays.copyOfRange(command, 1, command.length));
      default -> Commands.verdicts(List.of(new Verdict.Rejected("", "unknown command")));
    };
  }

  /**
   * The validator's decision; a fault inside the rules (the same on every validator, since the
   * rules are deterministic) refuses the whole entry. A failure to read this validator's own log is
   * not the entry's fault: it propagates and stops the state machine.
   */
  private EntryValidator.Decision decide(
      List<byte[]> ballots, java.util.Optional<byte[]> batchSignature) {
    try {
      return validator.decide(ballots, batchSignature, state);
    } catch (java.io.UncheckedIOException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("The rules could not decide on an entry; every ballot of it is refused", e);
      String why = "the validators could not check this batch (" + e.getClass().getName() + ")";
      return new EntryValidator.Decision(
          java.util.Collections.nCopies(ballots.size(), new Verdict.Rejected("", why)), List.of());
    }
  }

  private byte[] applyCheckpoint(byte[] noteBytes) {
    String outcome;
    try {
      SignedNote note = SignedNote.parse(noteBytes);
      Checkpoint cp = Checkpoint.parse(note.text());
      long latest =
          state.latestCheckpoint().map(n -> Checkpoint.parse(n.text()).size()).orElse(-1L);
      if (!policy.accepts(note)) {
        outcome = "refused: not signed by a log key and cosigned by a quorum";
      } else if (cp.size() > state.log().size() || !state.log().root(cp.size()).equals(cp.root())) {
        outcome = "refused: does not match this validator's log";
      } else if (cp.size() <= latest) {
        outcome = "ignored: not newer than the latest checkpoint";
      } else {
        state.addCheckpoint(note);
        outcome = "ok";
      }
    } catch (NoteFormatException e) {
      outcome = "refused: " + Verdict.cut(e.getMessage(), Verdict.MAX_REASON);
    } catch (java.io.UncheckedIOException e) {
      throw e;
    } catch (RuntimeException e) {
      outcome = "refused: not a checkpoint (" + e.getClass().getName() + ")";
    }
    return outcome.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** How often the log was rebuilt from a snapshot (installed from the leader or local). */
  public int restoresFromSnapshot() {
    return restores.get();
  }

  /** Waits up to {@code millis} for the log to reach {@code size} entries. */
  public boolean awaitSize(long size, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    synchronized (applied) {
      while (state.log().size() < size) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return false;
        }
        applied.wait(Math.min(left, 50));
      }
    }
    return true;
  }
}
