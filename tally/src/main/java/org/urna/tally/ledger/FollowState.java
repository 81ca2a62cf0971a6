package org.urna.tally.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElGamalCiphertext;
import org.urna.core.crypto.Point;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.tlog.Checkpoint;
import org.urna.tlog.MerkleRoots;
import org.urna.tlog.TreeHash;
import org.urna.tlog.TrustPolicy;

/**
 * What {@code urna verify-ledger} verified so far (docs/spec/trustees.md 6.6), kept in {@code
 * <state>/follow-state.json}: the last quorum-cosigned checkpoint it proved, the complete subtrees
 * of its tree (enough to prove the next checkpoint extends it without the entries before), the leaf
 * hashes of its last incomplete tile, each station's tracking-code chain and lifecycle events,
 * every ballot id seen and the running encrypted totals. Written atomically (a temporary file
 * beside it, forced to disk, renamed); read back only when its SHA-256 line matches its contents,
 * its checkpoint is trusted under the pinned policy and its subtrees hash to that checkpoint's
 * root.
 */
final class FollowState {
  static final String FILE = "follow-state.json";
  static final String TOTALS = "encrypted-totals.json";
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();
  private static final String SUM_LINE = "\nsha256 ";

  /** One station as far as verified: its chain, its counts, its last lifecycle event. */
  static final class Station {
    TrackingCode head;
    long ballots;
    long cast;
    long challenged;
    long events;
    long lastSequence;
    int lastKind; // 0: no event yet
    boolean opened;

    Station copy() {
      Station s = new Station();
      s.head = head;
      s.ballots = ballots;
      s.cast = cast;
      s.challenged = challenged;
      s.events = events;
      s.lastSequence = lastSequence;
      s.lastKind = lastKind;
      s.opened = opened;
      return s;
    }
  }

  final byte[] extendedHash;
  final String policyHash;
  byte[] checkpointNote; // null before the first round
  long size;
  List<TreeHash> frontier = new ArrayList<>();
  List<TreeHash> tail = new ArrayList<>(); // leaf hashes of entries 256·(size/256) .. size-1
  final Map<Long, TreeHash> roots = new TreeMap<>(); // every checkpoint verified, by size
  final Map<String, Station> stations = new TreeMap<>();
  final Set<BallotId> ballotIds = new HashSet<>();
  final List<BallotId> ballotOrder = new ArrayList<>();
  final Map<String, Map<String, ElGamalCiphertext>> sums = new LinkedHashMap<>();
  long cast;
  long events;

  FollowState(byte[] extendedHash, String policyHash, ElectionManifest manifest) {
    this.extendedHash = extendedHash.clone();
    this.policyHash = policyHash;
    for (Contest c : manifest.contests()) {
      sums.put(c.id(), new LinkedHashMap<>());
    }
  }

  static String policyHash(TrustPolicy policy) {
    return HEX.formatHex(sha256(policy.strictForm().getBytes(StandardCharsets.UTF_8)));
  }

  /** The state in {@code dir}, a fresh one when the folder holds none, or a refusal in words. */
  static FollowState load(
      Path dir, byte[] extendedHash, TrustPolicy policy, ElectionManifest manifest)
      throws LedgerRefusal {
    Path file = dir.resolve(FILE);
    FollowState s = new FollowState(extendedHash, policyHash(policy), manifest);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return s;
    } catch (IOException e) {
      throw new LedgerRefusal("Cannot read the state file " + file + ": " + e.getMessage());
    }
    String damaged =
        "The state file "
            + file
            + " is damaged and is not trusted: %s. Nothing was changed; move the folder away and"
            + " start again with a new one (the whole ledger is then verified again).";
    String text = new String(bytes, StandardCharsets.UTF_8);
    int at = text.lastIndexOf(SUM_LINE);
    if (at < 0 || !text.endsWith("\n")) {
      throw new LedgerRefusal(String.format(damaged, "its closing sha256 line is missing"));
    }
    byte[] body = text.substring(0, at + 1).getBytes(StandardCharsets.UTF_8);
    String sum = text.substring(at + SUM_LINE.length(), text.length() - 1);
    if (!sum.equals(HEX.formatHex(sha256(body)))) {
      throw new LedgerRefusal(
          String.format(damaged, "its contents do not hash to its sha256 line (it was changed)"));
    }
    try {
      JsonNode o = JSON.readTree(body);
      if (o.path("version").asInt() != VERSION) {
        throw new LedgerRefusal(String.format(damaged, "it is not version " + VERSION));
      }
      if (!Arrays.equals(HEX.parseHex(o.path("extendedHash").asText()), extendedHash)) {
        throw new LedgerRefusal(
            "The state folder "
                + dir
                + " was made for another election (another extended hash Q) than this package's:"
                + " give the folder of this election, or a new one.");
      }
      if (!o.path("policy").asText().equals(s.policyHash)) {
        throw new LedgerRefusal(
            "The state folder "
                + dir
                + " was made under another ledger policy than the one given: give the folder"
                + " made under this policy, or a new one.");
      }
      s.size = o.path("size").asLong();
      for (JsonNode h : o.path("frontier")) {
        s.frontier.add(TreeHash.fromBase64(h.asText()));
      }
      for (JsonNode h : o.path("tail")) {
        s.tail.add(TreeHash.fromBase64(h.asText()));
      }
      o.path("roots")
          .properties()
          .forEach(
              e ->
                  s.roots.put(
                      Long.parseLong(e.getKey()), TreeHash.fromBase64(e.getValue().asText())));
      for (var e : o.path("stations").properties()) {
        JsonNode n = e.getValue();
        Station st = new Station();
        st.head = TrackingCode.fromHex(n.path("head").asText());
        st.ballots = n.path("ballots").asLong();
        st.cast = n.path("cast").asLong();
        st.challenged = n.path("challenged").asLong();
        st.events = n.path("events").asLong();
        st.lastSequence = n.path("lastSequence").asLong();
        st.lastKind = n.path("lastKind").asInt();
        st.opened = n.path("opened").asBoolean();
        s.stations.put(e.getKey(), st);
      }
      byte[] ids = Base64.getDecoder().decode(o.path("ballotIds").asText());
      if (ids.length % BallotId.BYTES != 0) {
        throw new LedgerRefusal(String.format(damaged, "its ballot ids are cut off"));
      }
      for (int i = 0; i < ids.length; i += BallotId.BYTES) {
        BallotId id = BallotId.of(Arrays.copyOfRange(ids, i, i + BallotId.BYTES));
        s.ballotIds.add(id);
        s.ballotOrder.add(id);
      }
      for (JsonNode t : o.path("totals")) {
        Map<String, ElGamalCiphertext> m = s.sums.get(t.path("contest").asText());
        if (m == null) {
          throw new LedgerRefusal(
              String.format(damaged, "its totals name a contest the manifest does not have"));
        }
        byte[] ct = HEX.parseHex(t.path("ciphertext").asText());
        m.put(
            t.path("selection").asText(),
            new ElGamalCiphertext(
                Point.decode(Arrays.copyOfRange(ct, 0, Point.BYTES)),
                Point.decode(Arrays.copyOfRange(ct, Point.BYTES, ct.length))));
      }
      s.cast = o.path("cast").asLong();
      s.events = o.path("events").asLong();
      if (o.hasNonNull("checkpoint")) {
        s.checkpointNote = o.path("checkpoint").asText().getBytes(StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      throw new LedgerRefusal(String.format(damaged, "it does not read (" + e.getMessage() + ")"));
    }
    long ballots = s.stations.values().stream().mapToLong(x -> x.ballots).sum();
    long cast = s.stations.values().stream().mapToLong(x -> x.cast).sum();
    if (ballots != s.ballotOrder.size()
        || s.ballotIds.size() != s.ballotOrder.size()
        || cast != s.cast) {
      throw new LedgerRefusal(
          String.format(damaged, "its counts of ballots and ballot ids do not agree"));
    }
    s.checkAgainstCheckpoint(file, policy, damaged);
    return s;
  }

  /** The kept checkpoint trusted under the policy, and the kept subtrees hashing to its root. */
  private void checkAgainstCheckpoint(Path file, TrustPolicy policy, String damaged)
      throws LedgerRefusal {
    if (checkpointNote == null) {
      if (size != 0 || !frontier.isEmpty() || !tail.isEmpty() || !ballotIds.isEmpty()) {
        throw new LedgerRefusal(String.format(damaged, "it holds entries but no checkpoint"));
      }
      return;
    }
    Checkpoint cp;
    try {
      cp = LedgerFolder.trusted(checkpointNote, policy, "its checkpoint");
    } catch (LedgerRefusal e) {
      throw new LedgerRefusal(String.format(damaged, e.getMessage()));
    }
    if (cp.size() != size) {
      throw new LedgerRefusal(
          String.format(damaged, "its checkpoint is of size " + cp.size() + ", not " + size));
    }
    MerkleRoots tree;
    try {
      tree = MerkleRoots.resume(size, frontier);
    } catch (IllegalArgumentException e) {
      throw new LedgerRefusal(String.format(damaged, e.getMessage()));
    }
    if (!tree.root().equals(cp.root())) {
      throw new LedgerRefusal(
          String.format(
              damaged,
              "its subtree hashes do not hash to its checkpoint's root " + cp.root().base64()));
    }
    MerkleRoots lastTile = new MerkleRoots();
    tail.forEach(lastTile::addLeafHash);
    int full = Long.bitCount(size >>> 8);
    if (tail.size() != size % 256
        || !lastTile.frontier().equals(frontier.subList(full, frontier.size()))) {
      throw new LedgerRefusal(
          String.format(damaged, "the leaf hashes of its last tile are not its tree's"));
    }
  }

  Checkpoint checkpoint(TrustPolicy policy) throws LedgerRefusal {
    return LedgerFolder.trusted(checkpointNote, policy, "the state's checkpoint");
  }

  /** Writes the state and the encrypted totals, each atomically. */
  void save(Path dir, byte[] totalsFile) throws IOException {
    Files.createDirectories(dir);
    ObjectNode o = JSON.createObjectNode();
    o.put("version", VERSION);
    o.put("extendedHash", HEX.formatHex(extendedHash));
    o.put("policy", policyHash);
    o.put("size", size);
    if (checkpointNote != null) {
      o.put("checkpoint", new String(checkpointNote, StandardCharsets.UTF_8));
    }
    ArrayNode f = o.putArray("frontier");
    frontier.forEach(h -> f.add(h.base64()));
    ArrayNode t = o.putArray("tail");
    tail.forEach(h -> t.add(h.base64()));
    ObjectNode r = o.putObject("roots");
    roots.forEach((k, v) -> r.put(Long.toString(k), v.base64()));
    ObjectNode st = o.putObject("stations");
    stations.forEach(
        (id, s) -> {
          ObjectNode n = st.putObject(id);
          n.put("head", s.head.toHex());
          n.put("ballots", s.ballots);
          n.put("cast", s.cast);
          n.put("challenged", s.challenged);
          n.put("events", s.events);
          n.put("lastSequence", s.lastSequence);
          n.put("lastKind", s.lastKind);
          n.put("opened", s.opened);
        });
    byte[] ids = new byte[ballotOrder.size() * BallotId.BYTES];
    for (int i = 0; i < ballotOrder.size(); i++) {
      System.arraycopy(ballotOrder.get(i).toBytes(), 0, ids, i * BallotId.BYTES, BallotId.BYTES);
    }
    o.put("ballotIds", Base64.getEncoder().encodeToString(ids));
    ArrayNode totals = o.putArray("totals");
    sums.forEach(
        (contest, m) ->
            m.forEach(
                (sel, ct) -> {
                  ObjectNode e = totals.addObject();
                  e.put("contest", contest);
                  e.put("selection", sel);
                  e.put("ciphertext", HEX.formatHex(ct.normalize().toBytes()));
                }));
    o.put("cast", cast);
    o.put("events", events);
    byte[] body =
        (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] sum =
        (SUM_LINE.substring(1) + HEX.formatHex(sha256(body)) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] file = new byte[body.length + sum.length];
    System.arraycopy(body, 0, file, 0, body.length);
    System.arraycopy(sum, 0, file, body.length, sum.length);
    writeAtomically(dir.resolve(TOTALS), totalsFile);
    writeAtomically(dir.resolve(FILE), file);
  }

  static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
