package org.urna.tally.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.EncryptedContest;
import org.urna.core.ballot.EncryptedSelection;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.cli.Progress;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.LinearCheck;
import org.urna.core.crypto.SignatureBatch;
import org.urna.core.election.BallotStyle;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.ElectionPackageException;
import org.urna.core.election.ManifestJson;
import org.urna.core.election.Station;
import org.urna.core.election.TrustAnchor;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.tally.EncryptedTally;
import org.urna.core.verify.BallotVerifier;
import org.urna.core.verify.BatchVerifier;
import org.urna.core.verify.VerificationFailure;
import org.urna.tally.Ceremony;
import org.urna.tally.CeremonyParameters;
import org.urna.tally.CheckReport;
import org.urna.tally.Combiner;
import org.urna.tally.ComplaintAnswer;
import org.urna.tally.Deal;
import org.urna.tally.DecryptionShare;
import org.urna.tally.DecryptionShareSet;
import org.urna.tally.EncryptedTotal;
import org.urna.tally.JointKey;
import org.urna.tally.KeyAnnouncement;
import org.urna.tally.ShareVerifier;
import org.urna.tally.ThresholdTotal;
import org.urna.tally.TrusteeException;
import org.urna.tally.TrusteeFailure;
import org.urna.tally.TrusteeStep;
import org.urna.tally.files.FileFormatException;
import org.urna.tally.files.TrusteeFiles;
import org.urna.tally.record.tlog.EntryBundles;
import org.urna.tlog.Checkpoint;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.MerkleProofs;
import org.urna.tlog.MerkleRoots;
import org.urna.tlog.NoteKey;
import org.urna.tlog.NoteSignature;
import org.urna.tlog.SignedNote;
import org.urna.tlog.TreeHash;
import org.urna.tlog.TrustPolicy;

/**
 * Verifies an election record from its files alone (docs/spec/election-record.md 4): one method per
 * numbered step, run in the spec's order; every failure names its step and item; the ballot steps
 * run on all cores. A step whose inputs failed is reported as not run, and the record then does not
 * verify.
 */
public final class ElectionRecordVerifier {

  private final RecordFiles files;
  private final Optional<String> pinnedAnchor;
  private final int threads;
  private final PrintStream progressOut;
  private final RecordReport report = new RecordReport();

  // What earlier steps established.
  private ElectionPackage pkg;
  private ElectionManifest manifest;
  private ElectionKey key;
  private CeremonyParameters params;
  private JointKey joint;
  private TrustPolicy policy;
  private final List<Checkpoint> checkpoints = new ArrayList<>();
  private List<String> bundlePaths; // the bundles of a log of entryCount entries (R6)
  private long entryCount;
  private boolean entriesRead; // every bundle was read and parsed (R6)
  private int chunkSize; // 0: BatchVerifier.chunkSize
  private long held; // entries read and not yet taken in ledger order
  private long mostHeld;
  private EncryptedTally castSum; // the cast ballots' sums, added chunk by chunk (V11)
  private List<EncryptedTotal> publishedTotals;

  // What the steps that follow the ledger from its start carry from entry to entry.
  private final MerkleRoots tree = new MerkleRoots(); // R7
  private int nextCheckpoint; // R7: the first checkpoint the tree has not reached
  private long covered; // R7: the size of the last checkpoint whose root matched
  private long uncovered; // R7: entries after it
  // R7: the first of them by name, keyed by the entry's number in decimal, which sorts as the names
  // do (each name is "entry " + that number, then nothing or " (", and ' ' sorts before digits),
  // so that a name is only made for an entry that joins them.
  private final TreeMap<String, EntryName> uncoveredItems = new TreeMap<>();
  private final Map<String, TrackingCode> heads = new HashMap<>(); // V7, R11
  private final Map<String, Long> stationBallots = new HashMap<>(); // R11
  private final Map<String, StationLifecycleEvent> lastEvents = new HashMap<>(); // R11
  private final Set<String> pollsOpened = new HashSet<>(); // R11
  private final BallotIds ballotIds = new BallotIds(); // V10
  private final RecordDocuments.ChallengedDocument challenged =
      new RecordDocuments.ChallengedDocument(); // R9
  private final Map<String, long[]> perStation = new TreeMap<>(); // cast, challenged
  private final Set<RecordStep> brokenSteps = EnumSet.noneOf(RecordStep.class);

  /**
   * What names an entry in a failure ({@link Ballot#item}), kept without the entry: R7 names
   * entries after their chunk is dropped.
   */
  private record EntryName(
      long entry, StationLifecycleEvent event, BallotId ballotId, String station) {
    @Override
    public String toString() {
      if (event != null) {
        return "entry "
            + entry
            + " (station "
            + event.stationId()
            + " event "
            + event.sequence()
            + ", "
            + event.kind().words()
            + ")";
      }
      return ballotId == null
          ? "entry " + entry
          : "entry " + entry + " (ballot " + ballotId.toHex() + ", station " + station + ")";
    }
  }

  /** One ledger entry and what its steps found. */
  private static final class Ballot {
    final long entry;
    final byte[] bundle; // the leaf is bundle[from, to): read once, never copied whole
    final int from;
    final int to;
    TreeHash leafHash;
    RecordedBallot recorded;
    TrackingCode code; // recorded.code(), hashed once on the ballot's thread (V8, V7, R8)
    boolean shapeOk;
    StationLifecycleEvent event;
    String eventError;

    Ballot(long entry, byte[] bundle, int from, int to) {
      this.entry = entry;
      this.bundle = bundle;
      this.from = from;
      this.to = to;
    }

    int leafLength() {
      return to - from;
    }

    /** The leaf's first byte (its type), or -1 for an empty leaf. */
    int leafType() {
      return to > from ? bundle[from] : -1;
    }

    String item() {
      return name().toString();
    }

    EntryName name() {
      return recorded == null
          ? new EntryName(entry, event, null, null)
          : new EntryName(entry, event, recorded.ballotId(), recorded.ballot().stationId());
    }
  }

  public ElectionRecordVerifier(RecordFiles files, Optional<String> pinnedAnchor, int threads) {
    this(files, pinnedAnchor, threads, new PrintStream(OutputStream.nullOutputStream()));
  }

  public ElectionRecordVerifier(
      RecordFiles files, Optional<String> pinnedAnchor, int threads, PrintStream progressOut) {
    this.files = files;
    this.pinnedAnchor = pinnedAnchor;
    this.threads = Math.max(1, threads);
    this.progressOut = progressOut;
  }

  /** Runs every step; the report says what holds. */
  public RecordReport verify() {
    guard(RecordStep.R1, this::r1Layout);
    guard(RecordStep.R2, this::r2Constants);
    guard(RecordStep.R3, this::r3Package);
    guard(RecordStep.T1, this::ceremonySteps);
    guard(RecordStep.R4, this::r4JointKey);
    guard(RecordStep.R5, this::r5Checkpoints);
    guard(RecordStep.R6, this::r6Entries);
    // The entries stream: V1, V2-V6, V8, V9 on all cores, then R7, V7, R8, R11, V10, R9 in
    // ledger order as each chunk is checked; what is left of those steps runs after the last.
    guard(RecordStep.V1, this::ballotSteps);
    guard(RecordStep.R7, this::r7Inclusion);
    guard(RecordStep.V7, this::v7Chains);
    guard(RecordStep.R9, this::r9Challenged);
    guard(RecordStep.V11, this::v11Sums);
    List<DecryptionShareSet> valid = new ArrayList<>();
    guard(RecordStep.T10, () -> valid.addAll(t10t11Shares()));
    guard(RecordStep.T12, () -> t12Combination(valid));
    guard(RecordStep.R1, this::printFacts);
    return report;
  }

  /** A step that throws (a state no check foresaw) fails, naming itself; the others still run. */
  private void guard(RecordStep step, Runnable body) {
    long started = System.nanoTime();
    try {
      body.run();
    } catch (RuntimeException e) {
      report.fail(step, "the verifier", "this step could not run: " + e);
    } finally {
      report.timed(step, System.nanoTime() - started);
    }
  }

  public RecordReport report() {
    return report;
  }

  /** What a results report shows, once {@link #verify} ran; empty when the record lacked it. */
  public Optional<Summary> summary() {
    if (manifest == null || resultCounts == null || !entriesRead || checkpoints.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Summary(
            manifest,
            pkg.electionHash(),
            checkpoints.getLast(),
            resultCounts,
            perStation,
            report.holds()));
  }

  /**
   * The facts of a verified record: manifest, fingerprint, final checkpoint, counts by {@code
   * contest/selection}, cast and challenged ballots per station, whether every step held.
   */
  public record Summary(
      ElectionManifest manifest,
      byte[] fingerprint,
      Checkpoint finalCheckpoint,
      Map<String, Long> counts,
      Map<String, long[]> stations,
      boolean verified) {}

  // ---------------------------------------------------------------- R1, R2

  /** R1: every file the layout needs is there, and nothing else. */
  void r1Layout() {
    for (String p : files.problems()) {
      report.fail(RecordStep.R1, p.substring(0, Math.max(0, p.indexOf(':'))), p);
    }
    for (String name : files.names()) {
      report.checked(RecordStep.R1, 1);
      if (!RecordLayout.allowed(name)) {
        report.fail(RecordStep.R1, name, "is not a file of the record's layout");
      }
    }
    for (String required :
        List.of(
            RecordLayout.CONSTANTS,
            RecordLayout.TRUST_ANCHOR,
            RecordLayout.PACKAGE,
            RecordLayout.MANIFEST,
            RecordLayout.CEREMONY,
            RecordLayout.JOINT_KEY,
            RecordLayout.POLICY,
            RecordLayout.CHALLENGED,
            RecordLayout.TOTALS,
            RecordLayout.RESULTS)) {
      if (!files.has(required)) {
        report.fail(RecordStep.R1, required, "is missing");
      }
    }
  }

  /** R2: constants.json is byte for byte this version's. */
  void r2Constants() {
    report.checked(RecordStep.R2, 1);
    byte[] b = files.get(RecordLayout.CONSTANTS);
    if (b != null && !Arrays.equals(b, RecordDocuments.constants())) {
      report.fail(
          RecordStep.R2,
          RecordLayout.CONSTANTS,
          "differs from this verifier's constants (another version, or changed)");
    }
  }

  // ---------------------------------------------------------------- R3

  /**
   * R3: the package loads (P1-P9) at the opening of its voting window, canonical, with its
   * manifest.
   */
  void r3Package() {
    report.checked(RecordStep.R3, 1);
    byte[] anchorBytes = files.get(RecordLayout.TRUST_ANCHOR);
    byte[] bytes = files.get(RecordLayout.PACKAGE);
    if (anchorBytes == null || bytes == null) {
      report.skip(RecordStep.R3, "the package or trust anchor is missing (R1)");
      return;
    }
    String anchorText = new String(anchorBytes, StandardCharsets.US_ASCII);
    if (!anchorText.matches("[0-9a-f]{64}\n")) {
      report.fail(
          RecordStep.R3, RecordLayout.TRUST_ANCHOR, "is not 64 lowercase hex digits and a newline");
      return;
    }
    String anchor = anchorText.substring(0, 64);
    if (pinnedAnchor.isPresent() && !pinnedAnchor.get().equals(anchor)) {
      report.fail(
          RecordStep.R3,
          RecordLayout.TRUST_ANCHOR,
          "is " + anchor + ", not the trust anchor given on the command line");
      return;
    }
    Instant opens;
    try {
      JsonNode tree = new ObjectMapper().readTree(bytes);
      opens = Instant.parse(tree.path("manifest").path("votingWindow").path("opens").asText());
    } catch (Exception e) {
      opens = Instant.EPOCH; // the loader names the problem
    }
    try {
      pkg = ElectionPackage.load(bytes, TrustAnchor.fromHex(anchor), opens);
    } catch (ElectionPackageException | RuntimeException e) {
      report.fail(RecordStep.R3, RecordLayout.PACKAGE, e.getMessage());
      return;
    }
    if (!Arrays.equals(pkg.toJson(), bytes)) {
      report.fail(RecordStep.R3, RecordLayout.PACKAGE, "is not in its canonical form");
    }
    byte[] m = files.get(RecordLayout.MANIFEST);
    report.checked(RecordStep.R3, 1);
    if (m != null && !Arrays.equals(m, ManifestJson.canonical(pkg.manifest()))) {
      report.fail(
          RecordStep.R3,
          RecordLayout.MANIFEST,
          "is not the canonical form (RFC 8785) of the package's manifest");
    }
    manifest = pkg.manifest();
    key = new ElectionKey(pkg.electionKey(), pkg.extendedHash());
  }

  // ---------------------------------------------------------------- T1-T8, R4

  /** T1-T4, T6-T8 from the record's ceremony files (trustees.md 7); T5 and T9 need secrets. */
  void ceremonySteps() {
    byte[] c = files.get(RecordLayout.CEREMONY);
    if (c == null) {
      report.skip(RecordStep.T1, "ceremony.json is missing (R1)");
      return;
    }
    report.checked(RecordStep.T1, 1);
    try {
      params = TrusteeFiles.readCeremony(c, RecordLayout.CEREMONY);
    } catch (FileFormatException | TrusteeException e) {
      report.fail(RecordStep.T1, RecordLayout.CEREMONY, e.getMessage());
      return;
    }
    canonical(RecordStep.T1, RecordLayout.CEREMONY, c, TrusteeFiles.write(params));
    if (pkg != null && !Arrays.equals(params.electionHash(), pkg.electionHash())) {
      report.fail(
          RecordStep.T1, RecordLayout.CEREMONY, "is for another election (its electionHash)");
    }
    List<KeyAnnouncement> announcements = new ArrayList<>();
    List<Deal> deals = new ArrayList<>();
    List<CheckReport> reports = new ArrayList<>();
    List<ComplaintAnswer> answers = new ArrayList<>();
    int n = params.size();
    for (int i = 1; i <= n; i++) {
      KeyAnnouncement a = t2Announcement(i);
      if (a != null) {
        announcements.add(a);
      }
      Deal d = t3t4Commitments(i);
      if (d != null) {
        deals.add(d);
      }
    }
    Map<Integer, org.urna.core.crypto.Point> keys = new HashMap<>();
    announcements.forEach(a -> keys.put(a.trustee(), a.encryptionKey()));
    for (int j = 1; j <= n; j++) {
      CheckReport r = t6Report(j, keys.get(j));
      if (r != null) {
        reports.add(r);
      }
    }
    for (String name : files.names()) {
      Matcher m = RecordLayout.ANSWER.matcher(name);
      if (m.matches()) {
        ComplaintAnswer a =
            t7Answer(name, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        if (a != null) {
          answers.add(a);
        }
      }
    }
    report.checked(RecordStep.T8, 1);
    try {
      joint =
          Ceremony.combine(
              params, new Ceremony.Published(announcements, deals, reports, answers), false);
    } catch (TrusteeException e) {
      TrusteeFailure f = e.failure();
      report.fail(step(f.step()), f.item(), f.reason());
      return;
    }
    joint
        .disqualified()
        .forEach((i, why) -> report.note("trustee " + i + " is disqualified: " + why));
  }

  private KeyAnnouncement t2Announcement(int i) {
    String name = RecordLayout.announcement(i);
    byte[] b = files.get(name);
    report.checked(RecordStep.T2, 1);
    if (b == null) {
      report.fail(RecordStep.T2, name, "is missing");
      return null;
    }
    try {
      KeyAnnouncement a = TrusteeFiles.readAnnouncement(b, name, params);
      canonical(RecordStep.T2, name, b, TrusteeFiles.write(params, a));
      if (a.trustee() != i) {
        report.fail(RecordStep.T2, name, "holds trustee " + a.trustee() + "'s announcement");
        return null;
      }
      a.verify(params);
      return a;
    } catch (FileFormatException e) {
      report.fail(RecordStep.T2, name, e.getMessage());
    } catch (TrusteeException e) {
      report.fail(step(e.failure().step()), e.failure().item(), e.failure().reason());
    }
    return null;
  }

  private Deal t3t4Commitments(int i) {
    String name = RecordLayout.commitments(i);
    byte[] b = files.get(name);
    report.checked(RecordStep.T3, 1);
    if (b == null) {
      report.fail(RecordStep.T3, name, "is missing");
      return null;
    }
    try {
      Deal d = TrusteeFiles.readCommitments(b, name, params);
      canonical(RecordStep.T3, name, b, TrusteeFiles.writeCommitments(params, d));
      if (d.dealer() != i) {
        report.fail(RecordStep.T3, name, "holds trustee " + d.dealer() + "'s commitments");
        return null;
      }
      report.checked(RecordStep.T4, d.proofs().size());
      try {
        d.verify(params, false);
      } catch (TrusteeException e) {
        // Reported here by name; Ceremony.combine disqualifies the dealer (trustees.md 5.3).
        report.fail(step(e.failure().step()), e.failure().item(), e.failure().reason());
      }
      return d;
    } catch (FileFormatException e) {
      report.fail(RecordStep.T3, name, e.getMessage());
      return null;
    }
  }

  private CheckReport t6Report(int j, org.urna.core.crypto.Point encryptionKey) {
    String name = RecordLayout.check(j);
    byte[] b = files.get(name);
    report.checked(RecordStep.T6, 1);
    if (b == null) {
      report.fail(RecordStep.T6, name, "is missing");
      return null;
    }
    try {
      CheckReport r = TrusteeFiles.readCheck(b, name, params);
      canonical(RecordStep.T6, name, b, TrusteeFiles.write(params, r));
      if (r.trustee() != j) {
        report.fail(RecordStep.T6, name, "holds trustee " + r.trustee() + "'s report");
        return null;
      }
      if (encryptionKey == null) {
        report.skip(RecordStep.T6, "trustee " + j + " has no valid announcement (T2)");
        return null;
      }
      r.verify(params, encryptionKey);
      return r;
    } catch (FileFormatException e) {
      report.fail(RecordStep.T6, name, e.getMessage());
    } catch (TrusteeException e) {
      report.fail(step(e.failure().step()), e.failure().item(), e.failure().reason());
    }
    return null;
  }

  private ComplaintAnswer t7Answer(String name, int dealer, int recipient) {
    report.checked(RecordStep.T7, 1);
    try {
      ComplaintAnswer a = TrusteeFiles.readAnswer(files.get(name), name, params);
      canonical(RecordStep.T7, name, files.get(name), TrusteeFiles.write(params, a));
      if (a.dealer() != dealer || a.recipient() != recipient) {
        report.fail(
            RecordStep.T7, name, "holds the answer of " + a.dealer() + " to " + a.recipient());
        return null;
      }
      return a; // checked against the commitments by Ceremony.combine (T7)
    } catch (FileFormatException e) {
      report.fail(RecordStep.T7, name, e.getMessage());
      return null;
    }
  }

  /** R4: joint-key.json is the recomputed joint key, and it is the key of the package. */
  void r4JointKey() {
    report.checked(RecordStep.R4, 1);
    if (joint == null || pkg == null) {
      report.skip(RecordStep.R4, "needs the package (R3) and the joint key (T1-T8)");
      return;
    }
    byte[] b = files.get(RecordLayout.JOINT_KEY);
    if (b != null && !Arrays.equals(b, TrusteeFiles.write(joint))) {
      report.fail(
          RecordStep.R4,
          RecordLayout.JOINT_KEY,
          "is not the joint key recomputed from the ceremony files (T8)");
    }
    if (!joint.electionKey().equals(pkg.electionKey())) {
      report.fail(
          RecordStep.R4, RecordLayout.PACKAGE, "its election key is not the trustees' joint key");
    } else if (!Arrays.equals(joint.extendedHash(), pkg.extendedHash())) {
      report.fail(RecordStep.R4, RecordLayout.PACKAGE, "its extended hash is not the joint key's");
    }
  }

  // ---------------------------------------------------------------- R5, R6

  /** R5: the policy; every checkpoint's log signature, every signature valid, the quorum met. */
  void r5Checkpoints() {
    byte[] p = files.get(RecordLayout.POLICY);
    if (p == null) {
      report.skip(RecordStep.R5, "the policy is missing (R1)");
      return;
    }
    report.checked(RecordStep.R5, 1);
    try {
      policy = recordPolicy(p);
    } catch (LedgerFormatException e) {
      report.fail(RecordStep.R5, RecordLayout.POLICY, e.getMessage());
      return;
    }
    TreeMap<Long, String> bySize = new TreeMap<>();
    for (String name : files.names()) {
      Matcher m = RecordLayout.CHECKPOINT.matcher(name);
      if (m.matches()) {
        bySize.put(Long.parseLong(m.group(1)), name);
      }
    }
    if (bySize.isEmpty()) {
      report.fail(RecordStep.R5, RecordLayout.CHECKPOINTS, "the record holds no checkpoint");
    }
    for (Map.Entry<Long, String> e : bySize.entrySet()) {
      report.checked(RecordStep.R5, 1);
      r5Checkpoint(e.getKey(), e.getValue()).ifPresent(checkpoints::add);
    }
  }

  /**
   * The ledger's policy as the record holds it: a tlog-policy (parsed by the kiosks' own {@link
   * TrustPolicy}) in the strict form of election-record.md 2.4, each witness key named as its
   * witness.
   */
  static TrustPolicy recordPolicy(byte[] bytes) {
    TrustPolicy parsed = TrustPolicy.parse(bytes);
    for (Map.Entry<String, NoteKey> w : parsed.witnesses().entrySet()) {
      if (!w.getValue().name().equals(w.getKey())) {
        throw new LedgerFormatException(
            "a witness key is a cosignature (0x04) key named as the witness: " + w.getKey());
      }
    }
    if (!Arrays.equals(parsed.strictForm().getBytes(StandardCharsets.UTF_8), bytes)) {
      throw new LedgerFormatException(
          "the policy is not in the record's strict form: lines log, witness, group, quorum, one"
              + " space between fields, each ending in a newline, no URLs, comments or blank"
              + " lines");
    }
    return parsed;
  }

  private Optional<Checkpoint> r5Checkpoint(long size, String name) {
    String item = "checkpoint " + size;
    SignedNote note;
    Checkpoint cp;
    try {
      note = SignedNote.parse(files.get(name));
      cp = Checkpoint.parse(note.text());
    } catch (LedgerFormatException e) {
      report.fail(RecordStep.R5, item, e.getMessage());
      return Optional.empty();
    }
    if (!cp.extensions().isEmpty()) {
      report.fail(RecordStep.R5, item, "a checkpoint is three lines: origin, size, root hash");
      return Optional.empty();
    }
    if (cp.size() != size) {
      report.fail(
          RecordStep.R5, item, "its file name says size " + size + ", its text " + cp.size());
      return Optional.empty();
    }
    boolean logSigned = false;
    Set<String> cosigned = new HashSet<>();
    boolean ok = true;
    for (NoteSignature line : note.signatures()) {
      Optional<NoteKey> log = policy.logs().stream().filter(k -> k.names(line)).findFirst();
      NoteKey witness = policy.witnesses().get(line.name());
      if (log.isPresent()) {
        if (!log.get().name().equals(cp.origin())) {
          report.fail(RecordStep.R5, item, "signed by a log key not named by its origin");
          ok = false;
        } else if (note.signed(line, log.get())) {
          logSigned = true;
        } else {
          report.fail(
              RecordStep.R5, item, "the log signature of " + line.name() + " does not verify");
          ok = false;
        }
      } else if (witness != null && witness.keyId() == line.keyId()) {
        if (note.cosigned(line, witness).isPresent()) {
          cosigned.add(line.name());
        } else {
          report.fail(
              RecordStep.R5, item, "the cosignature of " + line.name() + " does not verify");
          ok = false;
        }
      } else {
        report.fail(
            RecordStep.R5,
            item,
            "carries a signature of "
                + line.name()
                + String.format(" (key ID %08x)", line.keyId())
                + ", a key not in the policy");
        ok = false;
      }
    }
    if (!logSigned) {
      report.fail(RecordStep.R5, item, "no valid signature of a log key of the policy");
      ok = false;
    }
    if (!policy.quorumMet(cosigned)) {
      report.fail(
          RecordStep.R5,
          item,
          "cosigned by "
              + new TreeSet<>(cosigned)
              + " only: quorum "
              + policy.quorum()
              + " not met");
      ok = false;
    }
    return ok ? Optional.of(cp) : Optional.empty();
  }

  /**
   * R6, by the names: the entry bundles are exactly those of a log of N entries. Each bundle is
   * read and parsed with its count as the ballots stream through ({@link #ballotSteps}).
   */
  void r6Entries() {
    TreeMap<Long, String> bundles = new TreeMap<>();
    for (String name : files.names()) {
      if (RecordLayout.BUNDLE.matcher(name).matches()) {
        String rest = name.substring((RecordLayout.ENTRIES + "tile/entries/").length());
        String n = rest.contains(".p/") ? rest.substring(0, rest.indexOf(".p/")) : rest;
        bundles.put(Long.parseLong(n.replace("x", "").replace("/", "")), name);
      }
    }
    long size = 0;
    if (!bundles.isEmpty()) {
      String last = bundles.lastEntry().getValue();
      int w =
          last.contains(".p/") ? Integer.parseInt(last.substring(last.indexOf(".p/") + 3)) : 256;
      size = bundles.lastKey() * EntryBundles.WIDTH + w;
    }
    List<String> expected = EntryBundles.paths(size);
    Set<String> present = new TreeSet<>(bundles.values());
    for (String e : expected) {
      if (!present.remove(RecordLayout.ENTRIES + e)) {
        report.fail(
            RecordStep.R6, RecordLayout.ENTRIES + e, "is missing (a log of " + size + " entries)");
      }
    }
    for (String extra : present) {
      report.fail(RecordStep.R6, extra, "is not a bundle of a log of " + size + " entries");
    }
    bundlePaths = expected;
    entryCount = size;
  }

  // ---------------------------------------------------------------- the stream of entries

  /** Entries per chunk: as {@link BatchVerifier#chunkSize}, or as set for a test. */
  private int chunkEntries() {
    return chunkSize > 0
        ? chunkSize
        : BatchVerifier.chunkSize((int) Math.min(Integer.MAX_VALUE, entryCount), threads);
  }

  /**
   * Chunks submitted to the pool and not yet taken in ledger order: one a thread and one waiting,
   * so no thread idles while the reader fills the next.
   */
  private int chunksInFlight() {
    return threads + 1;
  }

  /** Consecutive entries checked together on one thread. */
  private static final class Chunk {
    final List<Ballot> ballots;
    EncryptedTally tally;

    Chunk(List<Ballot> ballots) {
      this.ballots = ballots;
    }
  }

  /**
   * The ledger's entries, streamed: each bundle is read and parsed (R6) in order, its entries
   * gathered into chunks that a fixed pool checks on all cores (V1, V2-V6, V8, V9 and the chunk's
   * part of the V11 sums), and each checked chunk is then taken in ledger order by the steps that
   * follow the ledger from its start (R7, V7, R8, R11, V10, R9) and dropped. At most {@link
   * #chunksInFlight} chunks and the one being read are held at once, whatever the record's size.
   */
  void ballotSteps() {
    if (bundlePaths == null) {
      return;
    }
    if (key == null) {
      report.skip(RecordStep.V2, "needs the election package (R3)");
    }
    int chunk = chunkEntries();
    BallotVerifier proofs = key == null ? null : new BallotVerifier(manifest, key);
    BallotEncryptor encryptor = key == null ? null : new BallotEncryptor(manifest, key);
    castSum = manifest == null ? null : new EncryptedTally(manifest);
    r7Start();
    ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
    boolean ok = true;
    try (Progress progress = new Progress(progressOut, "ballots", entryCount);
        ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Ballot> current = new ArrayList<>(chunk);
      long next = 0;
      for (int b = 0; b < bundlePaths.size() && ok; b++) {
        String name = RecordLayout.ENTRIES + bundlePaths.get(b);
        int count = (int) Math.min(EntryBundles.WIDTH, entryCount - (long) b * EntryBundles.WIDTH);
        report.checked(RecordStep.R6, 1);
        byte[] bundle = r6Bundle(name);
        int[] starts = bundle == null ? null : r6Entries(name, bundle, count);
        if (starts == null) {
          ok = false;
          break;
        }
        for (int i = 0; i < count; i++) {
          current.add(new Ballot(next++, bundle, starts[i], starts[i + 1] - 2));
          held++;
          mostHeld = Math.max(mostHeld, held);
          if (current.size() == chunk) {
            submit(pool, inFlight, current, proofs, encryptor, progress);
            current = new ArrayList<>(chunk);
          }
        }
      }
      if (ok && !current.isEmpty()) {
        submit(pool, inFlight, current, proofs, encryptor, progress);
      }
      while (!inFlight.isEmpty()) {
        inOrder(inFlight.removeFirst().get(), progress);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("verification interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a ballot check failed to run", e.getCause());
    } finally {
      inFlight.forEach(f -> f.cancel(true));
    }
    entriesRead = ok;
    if (!ok) {
      report.skip(RecordStep.V1, "the entry bundles do not parse (R6)");
    }
  }

  /** R6 for one bundle: it is there and can be read; null (the failure reported) when not. */
  private byte[] r6Bundle(String name) {
    if (!files.has(name)) {
      return null; // reported by r6Entries as missing
    }
    try {
      return files.read(name);
    } catch (IOException | RuntimeException e) {
      report.fail(RecordStep.R6, name, "cannot be read: " + e.getMessage());
      return null;
    }
  }

  /**
   * R6 for one bundle read: it holds exactly {@code count} entries; where they start ({@link
   * EntryBundles#starts}), or null (the failure reported) when not.
   */
  private int[] r6Entries(String name, byte[] bundle, int count) {
    try {
      return EntryBundles.starts(bundle, count);
    } catch (LedgerFormatException e) {
      report.fail(RecordStep.R6, name, e.getMessage());
      return null;
    }
  }

  private void submit(
      ExecutorService pool,
      ArrayDeque<Future<Chunk>> inFlight,
      List<Ballot> ballots,
      BallotVerifier proofs,
      BallotEncryptor encryptor,
      Progress progress)
      throws InterruptedException, ExecutionException {
    Chunk c = new Chunk(ballots);
    inFlight.addLast(
        pool.submit(
            () -> {
              verifyChunk(c.ballots, proofs, encryptor);
              c.tally = castSum == null ? null : chunkTally(c.ballots);
              return c;
            }));
    while (inFlight.size() > chunksInFlight()
        || (!inFlight.isEmpty() && inFlight.peekFirst().isDone())) {
      inOrder(inFlight.removeFirst().get(), progress);
    }
  }

  // One object a step, not one a step and entry.
  private final Consumer<Ballot> r7 = this::r7Inclusion;
  private final Consumer<Ballot> v7 = this::v7Chain;
  private final Consumer<Ballot> r8 = this::r8LeafCode;
  private final Consumer<Ballot> v10 = this::v10UniqueId;
  private final Consumer<Ballot> r9 = this::r9Challenged;
  private final Consumer<Ballot> r11 = this::r11StationEvent;

  /** The steps that follow the ledger from its start, for a checked chunk, in ledger order. */
  private void inOrder(Chunk c, Progress progress) {
    for (Ballot b : c.ballots) {
      sequential(RecordStep.R7, r7, b);
      if (b.recorded != null) {
        long[] n = perStation.computeIfAbsent(b.recorded.ballot().stationId(), s -> new long[2]);
        n[b.recorded.state() == BallotState.CAST ? 0 : 1]++;
        sequential(RecordStep.V7, v7, b);
        sequential(RecordStep.R8, r8, b);
        sequential(RecordStep.V10, v10, b);
        sequential(RecordStep.R9, r9, b);
      }
      sequential(RecordStep.R11, r11, b);
      if (b.recorded != null && key != null) {
        String s = b.recorded.ballot().stationId();
        stationBallots.merge(s, 1L, Long::sum);
        heads.put(s, b.code);
      }
    }
    if (castSum != null && c.tally != null) {
      castSum.addAll(c.tally);
    }
    held -= c.ballots.size();
    progress.step(c.ballots.size());
  }

  /**
   * Runs one entry's part of a step that follows the ledger; a step that throws fails once, naming
   * itself, and is not run for the later entries (the others go on).
   */
  private void sequential(RecordStep step, Consumer<Ballot> body, Ballot b) {
    if (brokenSteps.contains(step)) {
      return;
    }
    try {
      body.accept(b);
    } catch (RuntimeException e) {
      brokenSteps.add(step);
      report.fail(step, "the verifier", "this step could not run: " + e);
    }
  }

  /** The most entries held in memory at once by the last {@link #verify} (for tests). */
  public long mostEntriesHeld() {
    return mostHeld;
  }

  /**
   * Sets the entries per chunk (at least 1) instead of {@link BatchVerifier#chunkSize}: tests use
   * small chunks to put chunk boundaries where they want them.
   */
  public ElectionRecordVerifier chunkSize(int entries) {
    if (entries < 1) {
      throw new IllegalArgumentException("a chunk holds at least one entry");
    }
    this.chunkSize = entries;
    return this;
  }

  // ---------------------------------------------------------------- per ballot, all cores

  /** V1 and the ballot's own steps V2-V6, V8, V9, for one chunk, on its thread. */
  private void verifyChunk(List<Ballot> chunk, BallotVerifier proofs, BallotEncryptor encryptor) {
    List<Ballot> forProofs = new ArrayList<>();
    List<Ballot> forSignatures = new ArrayList<>();
    MessageDigest sha256 = sha256();
    for (Ballot b : chunk) {
      b.leafHash = leafHash(sha256, b);
      if (b.leafType() == RecordLayout.LEAF_EVENT) {
        try {
          b.event = StationLifecycleEvent.decode(Arrays.copyOfRange(b.bundle, b.from + 1, b.to));
        } catch (IllegalArgumentException e) {
          b.eventError = "malformed station event: " + e.getMessage();
        }
        continue; // a station's lifecycle event: R11, not the ballot steps
      }
      if (!v1WellFormed(b) || key == null) {
        continue;
      }
      if (v2ElectionAndStyle(b)) {
        b.shapeOk = true;
        forProofs.add(b);
        v9ReEncryption(b, encryptor);
      }
      v3Station(b);
      v4VotingWindow(b);
      forSignatures.add(b);
    }
    v8Signatures(forSignatures);
    v5v6Proofs(forProofs, proofs);
  }

  /** The leaf's hash, SHA-256(0x00 || leaf) as {@link MerkleProofs#leafHash}, read in place. */
  private static TreeHash leafHash(MessageDigest sha256, Ballot b) {
    sha256.update((byte) 0x00);
    sha256.update(b.bundle, b.from, b.leafLength());
    return TreeHash.of(sha256.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }

  /**
   * The sum of the chunk's cast ballots whose shape is the manifest's (V2), on the chunk's thread;
   * V11 adds the chunks' sums instead of every ballot on one thread.
   */
  private EncryptedTally chunkTally(List<Ballot> chunk) {
    EncryptedTally part = new EncryptedTally(manifest);
    for (Ballot b : chunk) {
      if (b.shapeOk) {
        part.add(b.recorded);
      }
    }
    return part;
  }

  /** V1: the leaf is {@code 0x01 || code || recorded ballot} and the ballot decodes exactly. */
  boolean v1WellFormed(Ballot b) {
    report.checked(RecordStep.V1, 1);
    if (b.leafLength() < 1 + TrackingCode.BYTES || b.leafType() != RecordLayout.LEAF_BALLOT) {
      report.fail(RecordStep.V1, b.item(), "the leaf is not 0x01 || tracking code || ballot");
      return false;
    }
    try {
      RecordedBallot r =
          RecordedBallot.decode(
              Arrays.copyOfRange(b.bundle, b.from + 1 + TrackingCode.BYTES, b.to));
      b.code = r.code();
      b.recorded = r;
      return true;
    } catch (RuntimeException e) {
      report.fail(RecordStep.V1, b.item(), "does not decode: " + e.getMessage());
      return false;
    }
  }

  /**
   * V2: this election's Q, a ballot style of the manifest, its contests and selections in order.
   */
  boolean v2ElectionAndStyle(Ballot b) {
    report.checked(RecordStep.V2, 1);
    EncryptedBallot e = b.recorded.ballot();
    if (!Arrays.equals(e.extendedHash(), key.extendedHash())) {
      report.fail(RecordStep.V2, b.item(), "made for another election (its Q)");
      return false;
    }
    Optional<BallotStyle> style = manifest.ballotStyle(e.ballotStyleId());
    if (style.isEmpty()) {
      report.fail(RecordStep.V2, b.item(), "unknown ballot style " + e.ballotStyleId());
      return false;
    }
    List<Contest> contests = manifest.contestsOf(style.get());
    if (e.contests().size() != contests.size()) {
      report.fail(
          RecordStep.V2,
          b.item(),
          "has " + e.contests().size() + " contests, its style " + contests.size());
      return false;
    }
    for (int i = 0; i < contests.size(); i++) {
      Contest c = contests.get(i);
      EncryptedContest ec = e.contests().get(i);
      List<String> ids = ec.selections().stream().map(EncryptedSelection::selectionId).toList();
      if (!ec.contestId().equals(c.id())
          || ec.limit() != c.limit()
          || !ids.equals(c.selectionIds())) {
        report.fail(
            RecordStep.V2,
            b.item(),
            "contest "
                + i
                + " is not the style's "
                + c.id()
                + " with limit "
                + c.limit()
                + " and its selections in order");
        return false;
      }
    }
    return true;
  }

  /** V3: the station is in the manifest. */
  boolean v3Station(Ballot b) {
    report.checked(RecordStep.V3, 1);
    if (manifest.station(b.recorded.ballot().stationId()).isEmpty()) {
      report.fail(RecordStep.V3, b.item(), "unknown station");
      return false;
    }
    return true;
  }

  /** V4: the ballot's hour overlaps the voting window. */
  boolean v4VotingWindow(Ballot b) {
    report.checked(RecordStep.V4, 1);
    long h = b.recorded.ballot().epochHour();
    if (!manifest.votingWindow().containsHour(h)) {
      report.fail(RecordStep.V4, b.item(), "recorded in hour " + h + ", outside the voting window");
      return false;
    }
    return true;
  }

  /** V5 and V6: all proofs of a chunk in one random linear combination, halved on failure. */
  void v5v6Proofs(List<Ballot> list, BallotVerifier proofs) {
    for (Ballot b : list) {
      for (EncryptedContest c : b.recorded.ballot().contests()) {
        report.checked(RecordStep.V5, c.selections().size());
        report.checked(RecordStep.V6, 1);
      }
    }
    findBadProofs(list, proofs);
  }

  private void findBadProofs(List<Ballot> list, BallotVerifier proofs) {
    if (list.isEmpty()) {
      return;
    }
    LinearCheck check = new LinearCheck();
    for (Ballot b : list) {
      check.addAll(proofs.proofEquations(b.recorded.ballot()));
    }
    if (check.holds(key)) {
      return;
    }
    if (list.size() == 1) {
      Ballot b = list.getFirst();
      for (VerificationFailure f : proofs.nameFailedProofs(b.recorded.ballot())) {
        String where = f.item().substring(f.item().indexOf(' ', "ballot ".length()) + 1);
        report.fail(
            f.step() == org.urna.core.verify.Step.V5 ? RecordStep.V5 : RecordStep.V6,
            b.item() + " " + where,
            f.detail());
      }
      return;
    }
    int mid = list.size() / 2;
    findBadProofs(list.subList(0, mid), proofs);
    findBadProofs(list.subList(mid, list.size()), proofs);
  }

  /**
   * V8: each ballot's station signed {@code H("ballot-signature", Q, station, code_i)} with its
   * Ed25519 key. The chunk's signatures are checked as one batch ({@link SignatureBatch}, spec
   * 6.5); only when the batch fails is each checked alone, which names the ones that do not verify.
   */
  void v8Signatures(List<Ballot> list) {
    SignatureBatch batch = new SignatureBatch();
    List<Ballot> signed = new ArrayList<>(list.size());
    for (Ballot b : list) {
      report.checked(RecordStep.V8, 1);
      EncryptedBallot e = b.recorded.ballot();
      Optional<Station> station = manifest.station(e.stationId());
      if (station.isEmpty()) {
        report.fail(RecordStep.V8, b.item(), "no key: the station is unknown (V3)");
        continue;
      }
      batch.add(
          station.get().key(),
          RecordedBallot.signatureMessage(e.extendedHash(), e.stationId(), b.code),
          b.recorded.signature());
      signed.add(b);
    }
    for (int i : batch.failing()) {
      report.fail(
          RecordStep.V8,
          signed.get(i).item(),
          "the signature does not verify with the station's key");
    }
  }

  /** V9: a challenged ballot, encrypted again from its revealed seed and choices, is itself. */
  boolean v9ReEncryption(Ballot b, BallotEncryptor encryptor) {
    RecordedBallot r = b.recorded;
    if (r.state() != BallotState.CHALLENGED) {
      return true;
    }
    report.checked(RecordStep.V9, 1);
    EncryptedBallot e = r.ballot();
    try {
      EncryptedBallot again =
          encryptor.encrypt(
              r.reveal().claimed(), e.ballotId(), e.stationId(), e.epochHour(), r.reveal().seed());
      if (!again.equals(e)) {
        report.fail(
            RecordStep.V9,
            b.item(),
            "encrypting the revealed choices with the revealed seed gives other ciphertexts");
        return false;
      }
      return true;
    } catch (RuntimeException x) {
      report.fail(
          RecordStep.V9, b.item(), "the revealed choices cannot be encrypted: " + x.getMessage());
      return false;
    }
  }

  // ---------------------------------------------------------------- R7, V7, R8, R11, V10, R9

  /** R7, before the first entry: checkpoints of size 0 are the empty tree's. */
  private void r7Start() {
    if (policy == null) {
      return;
    }
    r7Checkpoints();
  }

  /** R7 for one entry, in ledger order: its leaf hash joins the tree, checkpoints of that size. */
  void r7Inclusion(Ballot b) {
    if (policy == null) {
      return;
    }
    tree.addLeafHash(b.leafHash);
    report.checked(RecordStep.R7, 1);
    uncovered++;
    String number = Long.toString(b.entry);
    if (uncoveredItems.size() < RecordReport.KEPT_PER_STEP
        || number.compareTo(uncoveredItems.lastKey()) < 0) {
      uncoveredItems.put(number, b.name());
      if (uncoveredItems.size() > RecordReport.KEPT_PER_STEP) {
        uncoveredItems.pollLastEntry();
      }
    }
    r7Checkpoints();
  }

  /** The checkpoints whose size the tree has reached: each root must be the tree's. */
  private void r7Checkpoints() {
    while (nextCheckpoint < checkpoints.size()
        && checkpoints.get(nextCheckpoint).size() == tree.size()) {
      Checkpoint cp = checkpoints.get(nextCheckpoint++);
      report.checked(RecordStep.R7, 1);
      TreeHash root = tree.root();
      if (root.equals(cp.root())) {
        covered = cp.size();
        uncovered = 0;
        uncoveredItems.clear();
      } else {
        report.fail(
            RecordStep.R7,
            "checkpoint " + cp.size(),
            "the first "
                + cp.size()
                + " entries hash to "
                + root.base64()
                + ", not to its root "
                + cp.root().base64());
      }
    }
  }

  /**
   * R7, after the last entry: a checkpoint larger than the log fails; every entry after the last
   * checkpoint whose root matched fails, named.
   */
  void r7Inclusion() {
    if (!entriesRead || policy == null) {
      report.skip(RecordStep.R7, "needs the entries (R6) and the policy (R5)");
      return;
    }
    for (Checkpoint cp : checkpoints) {
      if (cp.size() > entryCount) {
        report.checked(RecordStep.R7, 1);
        report.fail(
            RecordStep.R7,
            "checkpoint " + cp.size(),
            "covers "
                + cp.size()
                + " entries; the record holds "
                + entryCount
                + " (entries were removed)");
      }
    }
    String why =
        covered == 0
            ? "not under any checkpoint whose root matches"
            : "not under checkpoint " + covered + ", the last whose root matches";
    uncoveredItems.values().forEach(name -> report.fail(RecordStep.R7, name.toString(), why));
    report.failUnnamed(RecordStep.R7, uncovered - uncoveredItems.size());
  }

  /** V7 for one ballot: its previous code is its station's last code. */
  void v7Chain(Ballot b) {
    if (key == null) {
      return;
    }
    report.checked(RecordStep.V7, 1);
    String station = b.recorded.ballot().stationId();
    TrackingCode expected =
        heads.computeIfAbsent(station, s -> TrackingCode.seed(key.extendedHash(), s));
    if (!b.recorded.previous().equals(expected)) {
      report.fail(
          RecordStep.V7,
          b.item(),
          "its previous code "
              + b.recorded.previous().display()
              + " is not the station's last code "
              + expected.display()
              + " (a ballot is missing, reordered or inserted)");
    }
  }

  /** V7, after the last entry: it ran with the ledger, when the package was there. */
  void v7Chains() {
    if (!entriesRead || key == null) {
      report.skip(RecordStep.V7, "needs the entries (R6) and the package (R3)");
    }
  }

  /** R8: the tracking code in the leaf is {@code code_i} recomputed from the ballot. */
  void r8LeafCode(Ballot b) {
    report.checked(RecordStep.R8, 1);
    if (!Arrays.equals(
        b.bundle,
        b.from + 1,
        b.from + 1 + TrackingCode.BYTES,
        b.code.toBytes(),
        0,
        TrackingCode.BYTES)) {
      report.fail(RecordStep.R8, b.item(), "the leaf's tracking code is not the ballot's code");
    }
  }

  /**
   * R11 for one entry, in ledger order: a station event is well formed, this election's, a station
   * of the manifest's, signed by it, numbered one after its last event, in a legal order, "polls
   * opened" counting no ballot and inside the voting window, and counting exactly the station's
   * ballots before it in the ledger, ending in its chain head.
   */
  void r11StationEvent(Ballot b) {
    if (key == null || b.recorded != null) {
      return;
    }
    if (b.eventError != null) {
      report.checked(RecordStep.R11, 1);
      report.fail(RecordStep.R11, b.item(), b.eventError);
      return;
    }
    StationLifecycleEvent e = b.event;
    if (e == null) {
      return;
    }
    report.checked(RecordStep.R11, 1);
    String s = e.stationId();
    String why = null;
    StationLifecycleEvent before = lastEvents.get(s);
    long expected = before == null ? 1 : before.sequence() + 1;
    if (!Arrays.equals(e.extendedHash(), key.extendedHash())) {
      why = "the event belongs to another election";
    } else if (manifest.station(s).isEmpty()) {
      why = "station " + s + " is not in the election";
    } else if (!e.signedBy(manifest.station(s).get().key())) {
      why = "the station's signature on the event does not verify";
    } else if (e.sequence() != expected) {
      why = "the station's next event is number " + expected + ", not " + e.sequence();
    } else {
      Optional<String> order =
          e.kind()
              .refusalAfter(
                  Optional.ofNullable(before).map(StationLifecycleEvent::kind),
                  pollsOpened.contains(s));
      TrackingCode head = heads.getOrDefault(s, TrackingCode.seed(key.extendedHash(), s));
      long count = stationBallots.getOrDefault(s, 0L);
      if (order.isPresent()) {
        why = "out of order: " + order.get();
      } else if (e.kind() == StationLifecycleEvent.Kind.POLLS_OPENED && e.ballots() != 0) {
        why = "\"polls opened\" counts " + e.ballots() + " ballots, not 0";
      } else if (e.kind() == StationLifecycleEvent.Kind.POLLS_OPENED
          && !manifest.votingWindow().containsHour(e.time() / 3600)) {
        why = "the polls were opened outside the voting window";
      } else if (e.ballots() != count) {
        why =
            "the event counts "
                + e.ballots()
                + " ballots; the ledger holds "
                + count
                + " before it";
      } else if (!e.chainHead().equals(head)) {
        why = "the event's chain head is not the station's last tracking code before it";
      }
    }
    if (why != null) {
      report.fail(RecordStep.R11, b.item(), why);
      return;
    }
    lastEvents.put(s, e);
    if (e.kind() == StationLifecycleEvent.Kind.POLLS_OPENED) {
      pollsOpened.add(s);
    }
  }

  /** V10 for one ballot: its id was not seen before in the record. */
  void v10UniqueId(Ballot b) {
    report.checked(RecordStep.V10, 1);
    if (!ballotIds.add(b.recorded.ballotId().toBytes())) {
      report.fail(RecordStep.V10, b.item(), "the ballot id appears twice");
    }
  }

  /** R9 for one ballot: a challenged ballot joins challenged.json as the verifier writes it. */
  void r9Challenged(Ballot b) {
    if (key != null && b.recorded.state() == BallotState.CHALLENGED) {
      challenged.add(new RecordDocuments.Challenged(b.entry, b.recorded));
    }
  }

  /** R9: challenged.json is exactly the ledger's challenged ballots with seeds and choices. */
  void r9Challenged() {
    report.checked(RecordStep.R9, 1);
    if (!entriesRead || key == null) {
      report.skip(RecordStep.R9, "needs the entries (R6) and the package (R3)");
      return;
    }
    byte[] file = files.get(RecordLayout.CHALLENGED);
    if (file != null && !Arrays.equals(file, challenged.bytes(key.extendedHash()))) {
      report.fail(
          RecordStep.R9,
          RecordLayout.CHALLENGED,
          "does not list exactly the "
              + challenged.size()
              + " challenged ballots of the ledger with their seeds and choices");
    }
  }

  // ---------------------------------------------------------------- V11, T10-T12, R10

  /**
   * V11: the published encrypted totals are the sums over the cast ballots, selection by selection.
   */
  void v11Sums() {
    byte[] file = files.get(RecordLayout.TOTALS);
    if (!entriesRead || castSum == null || joint == null || file == null) {
      report.skip(RecordStep.V11, "needs the entries (R6), the joint key (T8) and the totals");
      return;
    }
    try {
      publishedTotals = TrusteeFiles.readTotals(file, RecordLayout.TOTALS, joint);
    } catch (FileFormatException e) {
      report.fail(RecordStep.V11, RecordLayout.TOTALS, e.getMessage());
      return;
    }
    EncryptedTally tally = castSum;
    List<EncryptedTotal> expected = EncryptedTotal.of(tally);
    Map<String, EncryptedTotal> published = new TreeMap<>();
    publishedTotals.forEach(t -> published.put(t.contestId() + "/" + t.selectionId(), t));
    for (EncryptedTotal e : expected) {
      report.checked(RecordStep.V11, 1);
      String name = e.contestId() + "/" + e.selectionId();
      EncryptedTotal p = published.remove(name);
      if (p == null) {
        report.fail(
            RecordStep.V11, "total of " + name, "is not published, yet cast ballots carry it");
      } else if (!p.ciphertext().equals(e.ciphertext())) {
        report.fail(
            RecordStep.V11,
            "total of " + name,
            "is not the sum of the " + tally.castBallots() + " cast ballots' ciphertexts");
      }
    }
    published
        .keySet()
        .forEach(
            n ->
                report.fail(
                    RecordStep.V11,
                    "total of " + n,
                    "is published, yet no cast ballot carries it"));
    canonical(
        RecordStep.V11,
        RecordLayout.TOTALS,
        file,
        TrusteeFiles.writeTotals(joint.extendedHash(), publishedTotals));
    List<String> order = expected.stream().map(t -> t.contestId() + "/" + t.selectionId()).toList();
    List<String> given =
        publishedTotals.stream().map(t -> t.contestId() + "/" + t.selectionId()).toList();
    if (report.failed(RecordStep.V11) == 0 && !order.equals(given)) {
      report.fail(RecordStep.V11, RecordLayout.TOTALS, "the totals are not in manifest order");
    }
  }

  /** T10 and T11: each share file, its form and every proof (one linear combination a file). */
  List<DecryptionShareSet> t10t11Shares() {
    List<DecryptionShareSet> valid = new ArrayList<>();
    refusedShares.clear();
    if (joint == null || publishedTotals == null) {
      report.skip(RecordStep.T10, "needs the joint key (T8) and the encrypted totals (V11)");
      return valid;
    }
    for (String name : files.names()) {
      Matcher m = RecordLayout.SHARES.matcher(name);
      if (!m.matches()) {
        continue;
      }
      int j = Integer.parseInt(m.group(1));
      byte[] b = files.get(name);
      report.checked(RecordStep.T10, 1);
      report.checked(RecordStep.T11, publishedTotals.size());
      DecryptionShareSet set;
      try {
        set = TrusteeFiles.readShares(b, name, params.size());
      } catch (FileFormatException e) {
        report.fail(RecordStep.T10, name, e.getMessage());
        continue;
      }
      canonical(RecordStep.T10, name, b, TrusteeFiles.write(set));
      if (set.trustee() != j) {
        report.fail(RecordStep.T10, name, "holds the shares of trustee " + set.trustee());
        continue;
      }
      Optional<TrusteeFailure> f = ShareVerifier.verify(joint, publishedTotals, set);
      if (f.isPresent()) {
        refusedShares.add(f.get());
      } else {
        valid.add(set);
      }
    }
    return valid;
  }

  private final List<TrusteeFailure> refusedShares = new ArrayList<>();

  /**
   * T12 and R10: each published count is the combination of the valid shares, and results.json is
   * the file those shares give (trustees used, absent, set aside, counts in the totals' order).
   */
  void t12Combination(List<DecryptionShareSet> valid) {
    byte[] file = files.get(RecordLayout.RESULTS);
    report.checked(RecordStep.R10, 1);
    if (joint == null || publishedTotals == null || file == null) {
      report.skip(RecordStep.T12, "needs the joint key (T8), the totals (V11) and results.json");
      refusedShares.forEach(f -> report.fail(step(f.step()), f.item(), f.reason()));
      return;
    }
    Map<String, Long> counts;
    try {
      counts = TrusteeFiles.readResultCounts(file, RecordLayout.RESULTS);
    } catch (FileFormatException e) {
      report.fail(RecordStep.R10, RecordLayout.RESULTS, e.getMessage());
      refusedShares.forEach(f -> report.fail(step(f.step()), f.item(), f.reason()));
      return;
    }
    SortedSet<Integer> used = new TreeSet<>();
    valid.forEach(s -> used.add(s.trustee()));
    SortedSet<Integer> absent = new TreeSet<>(joint.qualified());
    for (String name : files.names()) {
      Matcher m = RecordLayout.SHARES.matcher(name);
      if (m.matches()) {
        absent.remove(Integer.parseInt(m.group(1)));
      }
    }
    List<ThresholdTotal> totals = new ArrayList<>();
    if (used.size() < joint.threshold()) {
      report.fail(
          RecordStep.T12,
          "combination",
          used.size()
              + " valid decryption share file(s) (trustees "
              + used
              + "); "
              + joint.threshold()
              + " are needed");
    }
    for (int t = 0; t < publishedTotals.size(); t++) {
      EncryptedTotal total = publishedTotals.get(t);
      String name = total.contestId() + "/" + total.selectionId();
      report.checked(RecordStep.T12, 1);
      List<DecryptionShare> shares = new ArrayList<>();
      for (DecryptionShareSet s : valid) {
        shares.add(s.shares().get(t));
      }
      Long count = counts.get(name);
      if (count == null) {
        report.fail(RecordStep.T12, "total of " + name, "results.json publishes no count for it");
        continue;
      }
      if (used.size() >= joint.threshold()) {
        Combiner.verifyCount(joint, total, shares, count)
            .ifPresent(f -> report.fail(RecordStep.T12, f.item(), f.reason()));
      }
      totals.add(new ThresholdTotal(total.contestId(), total.selectionId(), count, total, shares));
    }
    byte[] expected =
        TrusteeFiles.write(joint, new Combiner.Combination(totals, used, absent, refusedShares));
    if (Arrays.equals(expected, file)) {
      refusedShares.forEach(
          f ->
              report.note(
                  "set aside, as results.json says: "
                      + f.step()
                      + " "
                      + f.item()
                      + ": "
                      + f.reason()));
    } else {
      refusedShares.forEach(f -> report.fail(step(f.step()), f.item(), f.reason()));
      report.fail(
          RecordStep.R10,
          RecordLayout.RESULTS,
          "is not what the decryption shares give (trustees used "
              + used
              + ", absent "
              + absent
              + ", "
              + refusedShares.size()
              + " set aside, the counts of T12)");
    }
    resultCounts = counts;
    resultTrustees = used;
    resultAbsent = absent;
  }

  private Map<String, Long> resultCounts;
  private SortedSet<Integer> resultTrustees;
  private SortedSet<Integer> resultAbsent;

  // ---------------------------------------------------------------- helpers

  private void canonical(RecordStep step, String name, byte[] file, byte[] rewritten) {
    if (!Arrays.equals(file, rewritten)) {
      report.fail(step, name, "is not in its canonical form (RFC 8785)");
    }
  }

  private static RecordStep step(TrusteeStep s) {
    return RecordStep.valueOf(s.name());
  }

  /** The facts printed above the table: election, trustees, ledger, ballots and results. */
  private void printFacts() {
    if (pkg != null) {
      report.fact(
          "election       "
              + manifest.electionId()
              + ": "
              + manifest.title().in(manifest.defaultLanguage(), manifest.electionId()));
      report.fact(
          "fingerprint    "
              + java.util.HexFormat.of().formatHex(pkg.electionHash())
              + " (election hash)");
    }
    if (joint != null) {
      report.fact(
          "trustees       "
              + params.size()
              + ", threshold "
              + joint.threshold()
              + (resultTrustees == null
                  ? ""
                  : "; decrypted by " + resultTrustees + ", absent " + resultAbsent));
    }
    if (!checkpoints.isEmpty()) {
      Checkpoint last = checkpoints.getLast();
      report.fact(
          "ledger         "
              + last.origin()
              + ": "
              + (entriesRead ? Long.toString(entryCount) : "?")
              + " entries, "
              + checkpoints.size()
              + " cosigned checkpoints; final "
              + last.size()
              + " "
              + last.root().base64());
    }
    if (entriesRead) {
      long cast = perStation.values().stream().mapToLong(c -> c[0]).sum();
      long challenged = perStation.values().stream().mapToLong(c -> c[1]).sum();
      report.fact("ballots        " + cast + " cast, " + challenged + " challenged");
      perStation.forEach(
          (s, c) ->
              report.fact("  station      " + s + ": " + c[0] + " cast, " + c[1] + " challenged"));
    }
    if (resultCounts != null && publishedTotals != null) {
      report.fact("results");
      for (EncryptedTotal t : publishedTotals) {
        String name = t.contestId() + "/" + t.selectionId();
        Long c = resultCounts.get(name);
        report.fact(String.format(java.util.Locale.ROOT, "  %-36s %,d", name, c == null ? -1 : c));
      }
    }
  }

  /**
   * The ballot ids seen so far (V10), 16 bytes each kept as two longs in an open-addressing table:
   * about 32 bytes an id, against some 100 for a set of {@code BallotId} objects.
   */
  static final class BallotIds {
    private long[] table = new long[2 * 1024];
    private boolean[] used = new boolean[1024];
    private int size;

    /** Adds the 16-byte id; false when it was there already. */
    boolean add(byte[] id) {
      long hi = java.nio.ByteBuffer.wrap(id, 0, 8).getLong();
      long lo = java.nio.ByteBuffer.wrap(id, 8, 8).getLong();
      if (2 * (size + 1) > used.length) {
        grow();
      }
      return insert(hi, lo);
    }

    private boolean insert(long hi, long lo) {
      int mask = used.length - 1;
      int at = (int) (mix(hi ^ Long.rotateLeft(lo, 29)) & mask);
      while (used[at]) {
        if (table[2 * at] == hi && table[2 * at + 1] == lo) {
          return false;
        }
        at = (at + 1) & mask;
      }
      used[at] = true;
      table[2 * at] = hi;
      table[2 * at + 1] = lo;
      size++;
      return true;
    }

    private void grow() {
      long[] oldTable = table;
      boolean[] oldUsed = used;
      table = new long[oldTable.length * 2];
      used = new boolean[oldUsed.length * 2];
      size = 0;
      for (int i = 0; i < oldUsed.length; i++) {
        if (oldUsed[i]) {
          insert(oldTable[2 * i], oldTable[2 * i + 1]);
        }
      }
    }

    private static long mix(long x) {
      x ^= x >>> 33;
      x *= 0xff51afd7ed558ccdL;
      x ^= x >>> 33;
      return x;
    }
  }
}
