package org.urna.tally.ledger;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.VerifyingKey;
import org.urna.core.election.ElectionManifest;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.tally.EncryptedTally;
import org.urna.core.verify.BallotVerifier;
import org.urna.core.verify.BatchVerifier;
import org.urna.core.verify.VerificationFailure;
import org.urna.tally.EncryptedTotal;
import org.urna.tally.files.TrusteeFiles;
import org.urna.tally.record.RecordLayout;
import org.urna.tally.record.tlog.EntryBundles;
import org.urna.tlog.Checkpoint;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.MerkleProofs;
import org.urna.tlog.MerkleRoots;
import org.urna.tlog.SignedNote;
import org.urna.tlog.TreeHash;
import org.urna.tlog.TrustPolicy;

/**
 * Follows a live ledger (docs/spec/trustees.md 6.6): each {@link #round} takes the newest
 * checkpoint a quorum of the pinned policy cosigned, proves from the validators' hash tiles that
 * its tree extends the one verified before (a fork or a rewritten past is an alarm naming the
 * validators that cosigned it), downloads only the new entries through the tiles, each checked
 * against its proven leaf (a validator that changed one is named and the next one asked), verifies
 * every new ballot (election-core's {@link BatchVerifier}, the stations' tracking-code chains
 * carried over from the rounds before, no ballot id twice) and every new station lifecycle event,
 * adds the cast ballots into the running encrypted totals and saves all of it into the state
 * folder. The Merkle hashing is transparency-log's ({@link MerkleRoots}, {@link MerkleProofs}).
 */
public final class LedgerFollower {
  private static final int HASH = 32;
  private static final int W = EntryBundles.WIDTH;

  /** No validator could be reached or served a trusted checkpoint: try again later. */
  public static final class Unreachable extends Exception {
    public Unreachable(String message) {
      super(message);
    }
  }

  /** What one round verified. */
  public record Round(
      Checkpoint checkpoint,
      long newEntries,
      long newBallots,
      long newEvents,
      double seconds,
      Map<String, Long> stationBallots,
      long cast,
      boolean everyStationClosed) {}

  private final List<URI> validators;
  private final TrustPolicy policy;
  private final ElectionManifest manifest;
  private final ElectionKey key;
  private final int threads;
  private final Path stateDir;
  private final Consumer<String> progress;
  private final ValidatorHttp http = new ValidatorHttp();
  private final FollowState state;

  /** Opens the state folder (a new one starts at the empty ledger); a damaged state is refused. */
  public LedgerFollower(
      List<URI> validators,
      TrustPolicy policy,
      ElectionManifest manifest,
      ElectionKey key,
      int threads,
      Path stateDir,
      Consumer<String> progress)
      throws LedgerRefusal {
    if (validators.isEmpty()) {
      throw new IllegalArgumentException("at least one validator URL");
    }
    this.validators = List.copyOf(validators);
    this.policy = policy;
    this.manifest = manifest;
    this.key = key;
    this.threads = Math.max(1, threads);
    this.stateDir = stateDir;
    this.progress = progress;
    this.state = FollowState.load(stateDir, key.extendedHash(), policy, manifest);
  }

  /** The size of the tree verified so far (0 before the first round). */
  public long verifiedSize() {
    return state.size;
  }

  /** The encrypted totals of the cast ballots verified so far, as {@code tally-ledger} writes. */
  public List<EncryptedTotal> totals() {
    List<EncryptedTotal> out = new ArrayList<>();
    state.sums.forEach((c, m) -> m.forEach((s, ct) -> out.add(new EncryptedTotal(c, s, ct))));
    return out;
  }

  private record Served(URI from, byte[] note, Checkpoint checkpoint, Set<String> cosigners) {}

  /** One round: the newest checkpoint, proven, its new entries verified, the state saved. */
  public Round round() throws LedgerRefusal, Unreachable, IOException {
    long started = System.nanoTime();
    List<Served> served = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (URI v : validators) {
      byte[] note;
      try {
        note = http.get(v, "checkpoint");
      } catch (IOException e) {
        refused.add(v + ": " + e.getMessage());
        continue;
      }
      try {
        SignedNote n = SignedNote.parse(note);
        switch (policy.check(n)) {
          case TrustPolicy.Verdict.Trusted t ->
              served.add(new Served(v, note, t.checkpoint(), t.cosigners()));
          case TrustPolicy.Verdict.Untrusted u -> refused.add(v + ": " + u.why());
        }
      } catch (LedgerFormatException e) {
        refused.add(v + ": its checkpoint is not a signed note: " + e.getMessage());
      }
    }
    if (served.isEmpty()) {
      throw new Unreachable(
          "No validator serves a checkpoint cosigned by a quorum of the policy (quorum "
              + policy.quorum()
              + "):\n  "
              + String.join("\n  ", refused));
    }
    Checkpoint verified = state.checkpointNote == null ? null : state.checkpoint(policy);
    Set<String> verifiedBy = verifiedCosigners();
    Served newest = served.getFirst();
    for (Served s : served) {
      // Two checkpoints of one size with different roots, each cosigned by a quorum: a fork.
      TreeHash known = state.roots.get(s.checkpoint().size());
      if (known != null && !known.equals(s.checkpoint().root())) {
        throw new LedgerRefusal(
            "ALARM: the ledger forked. "
                + s.from()
                + " serves a checkpoint of size "
                + s.checkpoint().size()
                + " with root "
                + s.checkpoint().root().base64()
                + ", cosigned by "
                + names(s.cosigners())
                + "; the checkpoint of that size verified before has root "
                + known.base64()
                + (verified != null && verified.size() == s.checkpoint().size()
                    ? " (cosigned by " + names(verifiedBy) + ")"
                    : "")
                + ". Stop and call the election office and the validators' operators.");
      }
      for (Served o : served) {
        if (o.checkpoint().size() == s.checkpoint().size()
            && !o.checkpoint().root().equals(s.checkpoint().root())) {
          throw new LedgerRefusal(
              "ALARM: the ledger forked. Two checkpoints of size "
                  + s.checkpoint().size()
                  + " with different roots are both cosigned by a quorum: "
                  + s.from()
                  + " serves one cosigned by "
                  + names(s.cosigners())
                  + ", "
                  + o.from()
                  + " the other cosigned by "
                  + names(o.cosigners())
                  + ". Stop and call the election office and the validators' operators.");
        }
      }
      if (s.checkpoint().size() > newest.checkpoint().size()) {
        newest = s;
      }
    }
    Checkpoint cp = newest.checkpoint();
    long n = state.size;
    if (cp.size() < n) {
      // every validator is behind the checkpoint verified before: nothing to do yet
      progress.accept(
          "The validators serve checkpoints up to size "
              + cp.size()
              + ", behind the checkpoint of size "
              + n
              + " verified before.");
      return round(cp, 0, 0, 0, started);
    }
    if (cp.size() == n) {
      return round(cp, 0, 0, 0, started);
    }
    // The new leaf hashes, proven to extend the verified tree up to the new root.
    List<URI> order = new ArrayList<>(validators);
    order.remove(newest.from());
    order.addFirst(newest.from());
    List<TreeHash> leaves = null; // of entries 256·(n/256) .. N-1
    MerkleRoots tree = null;
    List<String> problems = new ArrayList<>();
    for (URI v : order) {
      try {
        List<TreeHash> got = leafHashes(v, n, cp.size());
        List<TreeHash> old = got.subList(0, (int) (n % W));
        MerkleRoots t = MerkleRoots.resume(n, state.frontier);
        got.subList(old.size(), got.size()).forEach(t::addLeafHash);
        if (t.root().equals(cp.root()) && old.equals(state.tail)) {
          leaves = got;
          tree = t;
          break;
        }
        // Its tiles do not extend the verified tree. Do they hash to the new root by themselves?
        if (n > 0) {
          MerkleRoots theirs = MerkleRoots.resume(n, frontierFromTiles(v, n, cp.size()));
          got.subList(old.size(), got.size()).forEach(theirs::addLeafHash);
          if (theirs.root().equals(cp.root())) {
            throw new LedgerRefusal(
                "ALARM: the ledger's past was rewritten. The checkpoint of size "
                    + cp.size()
                    + " (root "
                    + cp.root().base64()
                    + "), served by "
                    + newest.from()
                    + " and cosigned by "
                    + names(newest.cosigners())
                    + ", does not extend the checkpoint of size "
                    + n
                    + " (root "
                    + verified.root().base64()
                    + ", cosigned by "
                    + names(verifiedBy)
                    + ") verified before: under it the first "
                    + n
                    + " entries hash differently (hash tiles of "
                    + v
                    + "). Stop and call the election office and the validators' operators.");
          }
        }
        problems.add(
            v
                + ": its hash tiles do not prove the checkpoint of size "
                + cp.size()
                + " from the one of size "
                + n);
      } catch (IOException | LedgerFormatException e) {
        problems.add(v + ": " + e.getMessage());
      }
    }
    if (leaves == null) {
      throw new LedgerRefusal(
          "No validator serves hash tiles that prove the checkpoint of size "
              + cp.size()
              + " (root "
              + cp.root().base64()
              + ") extends the one of size "
              + n
              + " verified before:\n  "
              + String.join("\n  ", problems));
    }
    long first = n - n % W; // the first leaf in leaves
    // Every other checkpoint served between the two must be a prefix of the proven tree.
    for (Served s : served) {
      long m = s.checkpoint().size();
      if (m > n && m < cp.size()) {
        MerkleRoots prefix = MerkleRoots.resume(n, state.frontier);
        leaves.subList((int) (n % W), (int) (m - first)).forEach(prefix::addLeafHash);
        if (!prefix.root().equals(s.checkpoint().root())) {
          throw new LedgerRefusal(
              "ALARM: the ledger forked. "
                  + s.from()
                  + " serves a checkpoint of size "
                  + m
                  + ", cosigned by "
                  + names(s.cosigners())
                  + ", that is not a prefix of the checkpoint of size "
                  + cp.size()
                  + " served by "
                  + newest.from()
                  + " and cosigned by "
                  + names(newest.cosigners())
                  + ": two histories are cosigned by a quorum. Stop and call the election office"
                  + " and the validators' operators.");
        }
      } else if (m < n && !state.roots.containsKey(m)) {
        progress.accept(
            s.from()
                + " serves the checkpoint of size "
                + m
                + ", behind the one of size "
                + n
                + " verified before (not compared: its size was never verified here)");
      }
    }
    // The new entries, bundle by bundle, each entry against its proven leaf.
    List<byte[]> entries = new ArrayList<>((int) (cp.size() - n));
    for (long b = n / W; b * W < cp.size(); b++) {
      int width = (int) Math.min(W, cp.size() - b * W);
      entries.addAll(bundle(order, b, width, leaves, first, n));
    }
    Verified v = verify(n, entries);
    // Everything holds: the state moves to the new checkpoint.
    state.checkpointNote = newest.note();
    state.size = cp.size();
    state.frontier = tree.frontier();
    state.tail =
        new ArrayList<>(leaves.subList((int) ((cp.size() - cp.size() % W) - first), leaves.size()));
    state.roots.put(cp.size(), cp.root());
    v.apply(state);
    byte[] totalsFile = TrusteeFiles.writeTotals(key.extendedHash(), totals());
    state.save(stateDir, totalsFile);
    return round(cp, entries.size(), v.ballots.size(), v.events, started);
  }

  private Round round(Checkpoint cp, long entries, long ballots, long events, long started) {
    Map<String, Long> perStation = new TreeMap<>();
    state.stations.forEach((id, s) -> perStation.put(id, s.ballots));
    boolean closed =
        !manifest.stations().isEmpty()
            && manifest.stations().stream()
                .allMatch(
                    s -> {
                      FollowState.Station st = state.stations.get(s.id());
                      return st != null
                          && st.lastKind == StationLifecycleEvent.Kind.POLLS_CLOSED.code();
                    });
    return new Round(
        cp,
        entries,
        ballots,
        events,
        (System.nanoTime() - started) / 1e9,
        perStation,
        state.cast,
        closed);
  }

  private Set<String> verifiedCosigners() {
    if (state.checkpointNote == null) {
      return Set.of();
    }
    try {
      if (policy.check(SignedNote.parse(state.checkpointNote))
          instanceof TrustPolicy.Verdict.Trusted t) {
        return t.cosigners();
      }
    } catch (LedgerFormatException e) {
      // checked when the state was read
    }
    return Set.of();
  }

  private static String names(Set<String> cosigners) {
    return String.join(", ", new TreeSet<>(cosigners));
  }

  /** The level-0 hashes of entries 256·(from/256) .. to-1 from one validator's hash tiles. */
  private List<TreeHash> leafHashes(URI v, long from, long to) throws IOException {
    List<TreeHash> out = new ArrayList<>();
    for (long t = from / W; t * W < to; t++) {
      int width = (int) Math.min(W, to - t * W);
      String path = EntryBundles.hashTilePath(0, t, width);
      byte[] tile = http.get(v, path);
      if (tile.length != width * HASH) {
        throw new IOException(path + " holds " + tile.length + " bytes, not " + width * HASH);
      }
      for (int i = 0; i < width; i++) {
        out.add(TreeHash.of(Arrays.copyOfRange(tile, i * HASH, (i + 1) * HASH)));
      }
    }
    return out;
  }

  /**
   * The hashes of the complete subtrees of the first {@code n} leaves as one validator's hash tiles
   * of the tree of {@code size} leaves give them: a subtree of height h is read from the tile of
   * level h/8 (2^(h mod 8) hashes there, hashed together).
   */
  private List<TreeHash> frontierFromTiles(URI v, long n, long size) throws IOException {
    List<TreeHash> out = new ArrayList<>();
    long start = 0;
    for (int h = 63; h >= 0; h--) {
      if ((n >>> h & 1) == 0) {
        continue;
      }
      int level = h / 8;
      int count = 1 << (h % 8);
      long node = start >>> (8 * level); // index of its first hash at height 8·level
      long tile = node / W;
      int width = (int) Math.min(W, (size >>> (8 * level)) - tile * W);
      String path = EntryBundles.hashTilePath(level, tile, width);
      byte[] bytes = http.get(v, path);
      int offset = (int) (node % W);
      if (bytes.length != width * HASH || offset + count > width) {
        throw new IOException(path + " holds " + bytes.length + " bytes, not " + width * HASH);
      }
      MerkleRoots sub = new MerkleRoots();
      for (int i = offset; i < offset + count; i++) {
        sub.addLeafHash(TreeHash.of(Arrays.copyOfRange(bytes, i * HASH, (i + 1) * HASH)));
      }
      out.add(sub.root());
      start += 1L << h;
    }
    return out;
  }

  /**
   * Entry bundle {@code b} from the first validator whose every entry hashes to its proven leaf;
   * returns its entries from {@code n} on.
   */
  private List<byte[]> bundle(
      List<URI> order, long b, int width, List<TreeHash> leaves, long first, long n)
      throws LedgerRefusal {
    String path = EntryBundles.path(b, width);
    List<String> problems = new ArrayList<>();
    for (URI v : order) {
      try {
        List<byte[]> got = EntryBundles.read(http.get(v, path), width);
        long bad = -1;
        for (int i = 0; i < width && bad < 0; i++) {
          long index = b * W + i;
          if (!MerkleProofs.leafHash(got.get(i)).equals(leaves.get((int) (index - first)))) {
            bad = index;
          }
        }
        if (bad < 0) {
          long skip = Math.max(0, n - b * W);
          return got.subList((int) skip, width);
        }
        String why =
            v
                + ": entry "
                + bad
                + " of "
                + path
                + " does not hash to its leaf under the cosigned checkpoint (the bundle was"
                + " changed)";
        progress.accept(why + "; asking the next validator");
        problems.add(why);
      } catch (IOException | LedgerFormatException e) {
        problems.add(v + ": " + e.getMessage());
      }
    }
    throw new LedgerRefusal(
        "No validator serves "
            + path
            + " with entries that hash to the cosigned checkpoint's leaves:\n  "
            + String.join("\n  ", problems));
  }

  /** The checks of one round's new entries, applied to the state only when all hold. */
  private final class Verified {
    final List<RecordedBallot> ballots = new ArrayList<>();
    final Map<String, FollowState.Station> touched = new HashMap<>();
    final Set<BallotId> newIds = new HashSet<>();
    final List<BallotId> newOrder = new ArrayList<>();
    long events;

    FollowState.Station station(String id) {
      return touched.computeIfAbsent(
          id,
          s -> {
            FollowState.Station known = state.stations.get(s);
            if (known != null) {
              return known.copy();
            }
            FollowState.Station fresh = new FollowState.Station();
            fresh.head = TrackingCode.seed(key.extendedHash(), s);
            return fresh;
          });
    }

    void apply(FollowState st) {
      st.stations.putAll(touched);
      st.ballotIds.addAll(newIds);
      st.ballotOrder.addAll(newOrder);
      EncryptedTally round = new EncryptedTally(manifest);
      ballots.forEach(round::add);
      round
          .sums()
          .forEach(
              (contest, m) ->
                  m.forEach(
                      (sel, ct) -> st.sums.get(contest).merge(sel, ct, ElGamalCiphertext::add)));
      st.cast += round.castBallots();
      st.events += events;
    }
  }

  /** Entries {@code n ...} checked (V1-V10 for ballots, R11's rules for events) or refused. */
  private Verified verify(long n, List<byte[]> entries) throws LedgerRefusal {
    Verified v = new Verified();
    TreeMap<Long, List<String>> failures = new TreeMap<>();
    Map<BallotId, Long> entryOf = new HashMap<>();
    List<RecordedBallot> thisElection = new ArrayList<>();
    Map<String, VerifyingKey> stationKeys = new HashMap<>();
    manifest.stations().forEach(s -> stationKeys.put(s.id(), s.key()));
    // V1, the leaf's code, Q: decoded in ledger order
    List<Object> decoded = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      long index = n + i;
      byte[] leaf = entries.get(i);
      if (leaf.length > 0 && leaf[0] == RecordLayout.LEAF_EVENT) {
        try {
          decoded.add(StationLifecycleEvent.decode(Arrays.copyOfRange(leaf, 1, leaf.length)));
        } catch (RuntimeException e) {
          fail(failures, index, "the station event does not decode: " + e.getMessage());
          decoded.add(null);
        }
        continue;
      }
      if (leaf.length < 1 + TrackingCode.BYTES || leaf[0] != RecordLayout.LEAF_BALLOT) {
        fail(
            failures,
            index,
            "V1: the leaf is neither 0x01 || tracking code || ballot nor 0x02 || station event");
        decoded.add(null);
        continue;
      }
      RecordedBallot r;
      try {
        r = RecordedBallot.decode(Arrays.copyOfRange(leaf, 1 + TrackingCode.BYTES, leaf.length));
      } catch (RuntimeException e) {
        fail(failures, index, "V1: the ballot does not decode: " + e.getMessage());
        decoded.add(null);
        continue;
      }
      decoded.add(r);
      entryOf.put(r.ballotId(), index);
      if (!Arrays.equals(Arrays.copyOfRange(leaf, 1, 1 + TrackingCode.BYTES), r.code().toBytes())) {
        fail(failures, index, "the leaf's tracking code is not the ballot's");
      }
      if (Arrays.equals(r.ballot().extendedHash(), key.extendedHash())) {
        thisElection.add(r);
      } else {
        fail(failures, index, "V2: the ballot belongs to another election (its Q)");
      }
    }
    // V2-V6, V8, V9: batched on every core
    for (VerificationFailure f :
        new BatchVerifier(new BallotVerifier(manifest, key), threads).verify(thisElection)) {
      Long index = entryOfItem(f.item(), entryOf);
      fail(failures, index == null ? n : index, f.step() + " " + f.item() + ": " + f.detail());
    }
    // V7, V10 and the events, in ledger order, carried on from the rounds before
    for (int i = 0; i < decoded.size(); i++) {
      long index = n + i;
      switch (decoded.get(i)) {
        case RecordedBallot r -> {
          String s = r.ballot().stationId();
          FollowState.Station st = v.station(s);
          if (!r.previous().equals(st.head)) {
            fail(
                failures,
                index,
                "V7: its previous tracking code "
                    + r.previous().display()
                    + " is not station "
                    + s
                    + "'s last code "
                    + st.head.display()
                    + " (a ballot is missing, reordered or inserted)");
          }
          if (state.ballotIds.contains(r.ballotId()) || !v.newIds.add(r.ballotId())) {
            fail(failures, index, "V10: ballot id " + r.ballotId() + " appears twice");
          } else {
            v.newOrder.add(r.ballotId());
          }
          st.head = r.code();
          st.ballots++;
          if (r.state() == BallotState.CAST) {
            st.cast++;
          } else {
            st.challenged++;
          }
          v.ballots.add(r);
        }
        case StationLifecycleEvent e -> {
          Optional<String> why = eventRefusal(e, v, stationKeys);
          if (why.isPresent()) {
            fail(failures, index, "station " + e.stationId() + "'s event: " + why.get());
          } else {
            FollowState.Station st = v.station(e.stationId());
            st.lastSequence = e.sequence();
            st.lastKind = e.kind().code();
            st.events++;
            if (e.kind() == StationLifecycleEvent.Kind.POLLS_OPENED) {
              st.opened = true;
            }
          }
          v.events++;
        }
        case null, default -> {}
      }
    }
    if (!failures.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      Map.Entry<Long, List<String>> firstFailure = failures.firstEntry();
      sb.append("Entry ")
          .append(firstFailure.getKey())
          .append(" fails: ")
          .append(firstFailure.getValue().getFirst());
      int listed = 0;
      int total = failures.values().stream().mapToInt(List::size).sum();
      if (total > 1) {
        sb.append("\nAll ").append(total).append(" problems of the new entries:");
        for (Map.Entry<Long, List<String>> f : failures.entrySet()) {
          for (String d : f.getValue()) {
            if (listed++ < LedgerTally.LISTED) {
              sb.append("\n  entry ").append(f.getKey()).append(": ").append(d);
            }
          }
        }
        if (total > LedgerTally.LISTED) {
          sb.append("\n  ... and ").append(total - LedgerTally.LISTED).append(" more");
        }
      }
      sb.append("\nThe state stays at the checkpoint of size ").append(n).append('.');
      throw new LedgerRefusal(sb.toString());
    }
    return v;
  }

  /** R11's rules for one event, given the station's chain and events as verified so far. */
  private Optional<String> eventRefusal(
      StationLifecycleEvent e, Verified v, Map<String, VerifyingKey> stationKeys) {
    String s = e.stationId();
    if (!Arrays.equals(e.extendedHash(), key.extendedHash())) {
      return Optional.of("the event belongs to another election");
    }
    if (!stationKeys.containsKey(s)) {
      return Optional.of("station " + s + " is not in the election");
    }
    if (!e.signedBy(stationKeys.get(s))) {
      return Optional.of("the station's signature on the event does not verify");
    }
    FollowState.Station st = v.station(s);
    long expected = st.lastSequence + 1;
    if (e.sequence() != expected) {
      return Optional.of(
          "the station's next event is number " + expected + ", not " + e.sequence());
    }
    Optional<String> order =
        e.kind()
            .refusalAfter(
                st.lastKind == 0 ? Optional.empty() : StationLifecycleEvent.Kind.of(st.lastKind),
                st.opened);
    if (order.isPresent()) {
      return Optional.of("out of order: " + order.get());
    }
    if (e.kind() == StationLifecycleEvent.Kind.POLLS_OPENED && e.ballots() != 0) {
      return Optional.of("\"polls opened\" counts " + e.ballots() + " ballots, not 0");
    }
    if (e.kind() == StationLifecycleEvent.Kind.POLLS_OPENED
        && !manifest.votingWindow().containsHour(e.time() / 3600)) {
      return Optional.of("the polls were opened outside the voting window");
    }
    if (e.ballots() != st.ballots) {
      return Optional.of(
          "the event counts "
              + e.ballots()
              + " ballots; the ledger holds "
              + st.ballots
              + " before it");
    }
    if (!e.chainHead().equals(st.head)) {
      return Optional.of(
          "the event's chain head is not the station's last tracking code before it");
    }
    return Optional.empty();
  }

  private static void fail(TreeMap<Long, List<String>> failures, long index, String what) {
    failures.computeIfAbsent(index, k -> new ArrayList<>()).add(what);
  }

  /** The entry of a failure's item "ballot <id> ...". */
  private static Long entryOfItem(String item, Map<BallotId, Long> entryOf) {
    if (!item.startsWith("ballot ")) {
      return null;
    }
    int end = item.indexOf(' ', "ballot ".length());
    String id = end < 0 ? item.substring(7) : item.substring(7, end);
    try {
      return entryOf.get(BallotId.fromHex(id));
    } catch (RuntimeException e) {
      return null;
    }
  }
}
