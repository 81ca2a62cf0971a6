package org.urna.ledger.replication;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.urna.core.ballot.TrackingCode;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.note.SignedNote;

/**
 * The replicated state of a validator: the Merkle log of accepted ballots, the indexes derived from
 * it (ballot id, tracking code, station chain heads and counts) and the quorum-cosigned checkpoints
 * in the order they were agreed. Mutated only by the state machine's single applier.
 */
public final class LedgerState implements LedgerView {
  private final MerkleLog log;
  private final Map<String, Long> byBallotId = new ConcurrentHashMap<>();
  private final Map<String, Long> byShortCode = new ConcurrentHashMap<>();
  private final Map<String, TrackingCode> heads = new ConcurrentHashMap<>();
  private final Map<String, Long> counts = new ConcurrentHashMap<>();
  private final Map<String, List<StationEventEntry>> events = new ConcurrentHashMap<>();
  private final List<SignedNote> checkpoints = new java.util.concurrent.CopyOnWriteArrayList<>();

  public LedgerState(MerkleLog log) throws IOException {
    this.log = log;
    reindex();
  }

  public MerkleLog log() {
    return log;
  }

  /** Rebuilds every index from the log's entries. */
  public void reindex() throws IOException {
    byBallotId.clear();
    byShortCode.clear();
    heads.clear();
    counts.clear();
    events.clear();
    for (long i = 0; i < log.size(); i++) {
      byte[] leaf = log.entry(i);
      if (LedgerLeaf.isEvent(leaf)) {
        indexEvent(i, LedgerLeaf.event(leaf));
        continue;
      }
      RecordedBallotFrame b = RecordedBallotFrame.read(LedgerLeaf.recordedBytes(leaf));
      index(i, b.ballotIdHex(), b.stationId(), LedgerLeaf.code(leaf));
    }
  }

  private void index(long i, String id, String station, TrackingCode code) {
    byBallotId.put(id, i);
    byShortCode.put(code.shortForm(), i);
    heads.put(station, code);
    counts.merge(station, 1L, Long::sum);
  }

  private void indexEvent(long i, org.urna.core.station.StationLifecycleEvent e) {
    events
        .computeIfAbsent(e.stationId(), s -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(
            new StationEventEntry(
                e.sequence(),
                e.kind(),
                e.time(),
                e.ballots(),
                e.reportHex(),
                e.resetReason().map(r -> r.words()),
                i));
  }

  public void append(List<EntryValidator.Leaf> leaves) throws IOException {
    if (leaves.isEmpty()) {
      return;
    }
    List<byte[]> bytes = new ArrayList<>(leaves.size());
    leaves.forEach(l -> bytes.add(l.bytes()));
    long first = log.append(bytes);
    for (int k = 0; k < leaves.size(); k++) {
      EntryValidator.Leaf l = leaves.get(k);
      if (LedgerLeaf.isEvent(l.bytes())) {
        indexEvent(first + k, LedgerLeaf.event(l.bytes()));
        continue;
      }
      index(first + k, l.ballotId(), l.stationId(), TrackingCode.of(l.trackingCode()));
    }
  }

  @Override
  public Optional<Long> indexOfBallot(String ballotIdHex) {
    return Optional.ofNullable(byBallotId.get(ballotIdHex));
  }

  public Optional<Long> indexOfCode(String shortForm) {
    return Optional.ofNullable(byShortCode.get(shortForm));
  }

  @Override
  public byte[] leaf(long index) {
    try {
      return log.entry(index);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public Optional<TrackingCode> stationHead(String stationId) {
    return Optional.ofNullable(heads.get(stationId));
  }

  @Override
  public long nextIndex() {
    return log.size();
  }

  @Override
  public long stationCount(String stationId) {
    return counts.getOrDefault(stationId, 0L);
  }

  @Override
  public List<StationEventEntry> stationEvents(String stationId) {
    return List.copyOf(events.getOrDefault(stationId, List.of()));
  }

  /** Every station's lifecycle events, by station id. */
  public Map<String, List<StationEventEntry>> allStationEvents() {
    Map<String, List<StationEventEntry>> out = new TreeMap<>();
    events.forEach((s, l) -> out.put(s, List.copyOf(l)));
    return out;
  }

  public Map<String, Long> stationCounts() {
    return new TreeMap<>(counts);
  }

  public List<SignedNote> checkpoints() {
    return List.copyOf(checkpoints);
  }

  public Optional<SignedNote> latestCheckpoint() {
    return checkpoints.isEmpty() ? Optional.empty() : Optional.of(checkpoints.getLast());
  }

  public void addCheckpoint(SignedNote note) {
    checkpoints.add(note);
  }

  public void replaceCheckpoints(List<SignedNote> notes) {
    checkpoints.clear();
    checkpoints.addAll(notes);
  }

  /** Keeps only the checkpoints whose tree size the log still reaches (after a truncation). */
  public void dropCheckpointsBeyond(
      long size, java.util.function.ToLongFunction<SignedNote> sizeOf) {
    checkpoints.removeIf(n -> sizeOf.applyAsLong(n) > size);
  }

  static Map<String, Long> copy(Map<String, Long> m) {
    return new HashMap<>(m);
  }
}
