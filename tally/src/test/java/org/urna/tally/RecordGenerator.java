package org.urna.tally;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.urna.core.ballot.BallotEncryptor;
import org.urna.core.ballot.BallotId;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.ChallengeReveal;
import org.urna.core.ballot.EncryptedBallot;
import org.urna.core.ballot.NonceSeed;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Point;
import org.urna.core.crypto.Scalar;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.ManifestJson;
import org.urna.core.election.SampleElection;
import org.urna.core.station.StationLifecycleEvent;
import org.urna.core.tally.EncryptedTally;
import org.urna.tally.files.TrusteeFiles;
import org.urna.tally.record.ElectionRecordVerifier;
import org.urna.tally.record.ElectionRecordWriter;
import org.urna.tally.record.RecordFiles;
import org.urna.tlog.KeyType;
import org.urna.tlog.MerkleProofs;
import org.urna.tlog.MerkleRoots;
import org.urna.tlog.NoteKey;

/**
 * Generates complete election records from fixed seeds (test code): the sample election's manifest,
 * a 3-trustee k = 2 ceremony without a dealer, ballots of two stations (cast and challenged)
 * chained and signed by the stations' demo keys, a 3-validator ledger's policy and quorum-cosigned
 * checkpoints, the encrypted totals, trustees 1 and 3's decryption shares (2 absent) and the
 * results. Every secret and nonce is {@code Hs("test-vector", name)}, so the same inputs give the
 * same bytes. {@link #main} rewrites {@code vectors/record-small/}.
 */
public final class RecordGenerator {
  static final Path SMALL = Path.of("src/test/resources/vectors/record-small");
  static final String ORIGIN = "ledger.record.example.org";
  static final List<String> VALIDATORS =
      List.of("v1.record.example.org", "v2.record.example.org", "v3.record.example.org");
  static final List<String> STATIONS = List.of("uik-1701", "uik-1702");

  /** One ballot to cast or challenge: style, choices, station, whether challenged. */
  public record Vote(
      String station, String style, Map<String, Set<String>> choices, boolean challenge) {}

  /** A generated record with what the tests need to know about it. */
  public record Generated(
      RecordFiles files,
      List<Vote> votes,
      List<RecordedBallot> recorded,
      List<byte[]> leaves,
      Map<String, Long> expectedCounts,
      SampleElection sample,
      Map<String, byte[]> ceremonyFolder) {}

  private RecordGenerator() {}

  static Scalar fixed(String name) {
    return Hash.tagged("test-vector").part(name).toScalar();
  }

  static byte[] seed32(String name) {
    return Hash.tagged("test-vector").part(name).digest();
  }

  /** The small record's ballots: two stations, both ballot styles, three challenged. */
  static List<Vote> smallVotes() {
    String a = "amendments";
    String c = "council-7";
    String d = SampleElection.STYLE_DISTRICT;
    String r = SampleElection.STYLE_REFERENDUM;
    return List.of(
        new Vote("uik-1701", d, Map.of(a, Set.of("yes"), c, Set.of("ivanova", "galiev")), false),
        new Vote("uik-1702", r, Map.of(a, Set.of("no")), false),
        new Vote("uik-1701", r, Map.of(a, Set.of("yes")), true),
        new Vote("uik-1702", d, Map.of(a, Set.of("yes"), c, Set.of("petrov")), false),
        new Vote("uik-1701", d, Map.of(a, Set.of(), c, Set.of("ivanova", "zakirova")), false),
        new Vote("uik-1702", d, Map.of(a, Set.of("no"), c, Set.of("sokolova", "galiev")), true),
        new Vote("uik-1701", r, Map.of(a, Set.of("yes")), false),
        new Vote("uik-1702", r, Map.of(a, Set.of("yes")), false),
        new Vote("uik-1702", d, Map.of(a, Set.of("yes"), c, Set.of()), false),
        new Vote("uik-1701", d, Map.of(a, Set.of("no"), c, Set.of("kuznetsov")), true),
        new Vote("uik-1701", r, Map.of(a, Set.of("no")), false),
        new Vote("uik-1702", d, Map.of(a, Set.of("yes"), c, Set.of("ivanova", "petrov")), false));
  }

  /** {@code n} referendum ballots alternating over the two stations, every 50th challenged. */
  public static List<Vote> referendumVotes(int n) {
    List<Vote> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(referendumVote(i));
    }
    return out;
  }

  /** The {@code i}-th vote of {@link #referendumVotes}. */
  public static Vote referendumVote(int i) {
    return new Vote(
        STATIONS.get(i % 2),
        SampleElection.STYLE_REFERENDUM,
        Map.of("amendments", Set.of(i % 3 == 0 ? "no" : "yes")),
        i % 50 == 7);
  }

  /** The election before any ballot: the key ceremony, every secret fixed, and the package. */
  record Setup(
      String name,
      SampleElection sample,
      CeremonyParameters params,
      List<Trustee> trustees,
      List<KeyAnnouncement> announcements,
      List<Deal> deals,
      List<CheckReport> reports,
      JointKey joint,
      ElectionPackage pkg,
      ElectionKey key) {}

  /**
   * The record of {@code votes}, a checkpoint every {@code checkpointEvery} entries and at the end.
   */
  public static Generated generate(String name, List<Vote> votes, int checkpointEvery)
      throws Exception {
    return generate(name, votes, checkpointEvery, false);
  }

  /**
   * As {@link #generate(String, List, int)}; with {@code events}, each station's lifecycle events
   * are leaves too (ledger.md, "Station events"): "election loaded" and "polls opened" before the
   * ballots, "polls closed" after them, signed by the station.
   */
  public static Generated generate(
      String name, List<Vote> votes, int checkpointEvery, boolean events) throws Exception {
    Setup setup = setup(name);
    SampleElection sample = setup.sample();
    ElectionManifest manifest = sample.manifest();
    CeremonyParameters p = setup.params();
    List<KeyAnnouncement> announcements = setup.announcements();
    List<Deal> deals = setup.deals();
    List<CheckReport> reports = setup.reports();
    JointKey joint = setup.joint();
    ElectionPackage pkg = setup.pkg();
    ElectionKey key = setup.key();

    // The ballots, chained per station and signed with the stations' demo keys.
    BallotEncryptor enc = new BallotEncryptor(manifest, key);
    long hour = manifest.votingWindow().opens().getEpochSecond() / 3600;
    Map<String, TrackingCode> heads = new TreeMap<>();
    List<RecordedBallot> recorded = new ArrayList<>();
    List<byte[]> leaves = new ArrayList<>();
    EncryptedTally tally = new EncryptedTally(manifest);
    Map<String, Long> counts = new LinkedHashMap<>();
    EncryptedBallot[] bodies = new EncryptedBallot[votes.size()];
    java.util.stream.IntStream.range(0, votes.size())
        .parallel()
        .forEach(
            i -> {
              Vote v = votes.get(i);
              bodies[i] =
                  enc.encrypt(
                      new PlaintextBallot(v.style(), v.choices()),
                      BallotId.of(java.util.Arrays.copyOf(seed32(name + "/ballot-id/" + i), 16)),
                      v.station(),
                      hour + (i * 7L % 10),
                      NonceSeed.of(seed32(name + "/ballot-seed/" + i)));
            });
    long opened = manifest.votingWindow().opens().getEpochSecond() + 60;
    if (events) {
      for (String s : STATIONS) {
        TrackingCode seed = TrackingCode.seed(key.extendedHash(), s);
        leaves.add(
            event(
                sample,
                key.extendedHash(),
                s,
                1,
                StationLifecycleEvent.Kind.ELECTION_LOADED,
                opened,
                0,
                seed));
        leaves.add(
            event(
                sample,
                key.extendedHash(),
                s,
                2,
                StationLifecycleEvent.Kind.POLLS_OPENED,
                opened,
                0,
                seed));
      }
    }
    for (int i = 0; i < votes.size(); i++) {
      Vote v = votes.get(i);
      PlaintextBallot plain = new PlaintextBallot(v.style(), v.choices());
      NonceSeed seed = NonceSeed.of(seed32(name + "/ballot-seed/" + i));
      EncryptedBallot b = bodies[i];
      TrackingCode prev =
          heads.computeIfAbsent(v.station(), s -> TrackingCode.seed(key.extendedHash(), s));
      RecordedBallot r =
          RecordedBallot.record(
              b,
              v.challenge() ? BallotState.CHALLENGED : BallotState.CAST,
              v.challenge() ? new ChallengeReveal(seed, plain) : null,
              prev,
              sample.stationKey(v.station()));
      heads.put(v.station(), r.code());
      recorded.add(r);
      leaves.add(ElectionRecordWriter.leaf(r));
      tally.add(r);
      if (!v.challenge()) {
        v.choices()
            .forEach(
                (contest, sel) -> sel.forEach(s -> counts.merge(contest + "/" + s, 1L, Long::sum)));
      }
    }

    if (events) {
      for (String s : STATIONS) {
        long n = recorded.stream().filter(r -> r.ballot().stationId().equals(s)).count();
        leaves.add(
            event(
                sample,
                key.extendedHash(),
                s,
                3,
                StationLifecycleEvent.Kind.POLLS_CLOSED,
                opened + 3600,
                n,
                heads.getOrDefault(s, TrackingCode.seed(key.extendedHash(), s))));
      }
    }

    // The ledger: policy, checkpoints cosigned by all three validators.
    byte[] logSeed = seed32(name + "/log-key");
    String policy = policy(name);
    List<byte[]> checkpoints = new ArrayList<>();
    MerkleRoots tree = new MerkleRoots();
    for (int i = 0; i < leaves.size(); i++) {
      tree.addLeafHash(MerkleProofs.leafHash(leaves.get(i)));
      if ((i + 1) % checkpointEvery == 0 || i + 1 == leaves.size()) {
        checkpoints.add(checkpoint(name, logSeed, tree.size(), tree.root().bytes()));
      }
    }

    // The tally: totals, decryption shares of trustees 1 and 3 (2 absent), the results.
    TallyFiles t = tallyFiles(setup, tally);
    ElectionRecordWriter w =
        new ElectionRecordWriter()
            .election(pkg, sample.trustAnchor())
            .ceremony(p, announcements, deals, reports, List.of(), joint)
            .ledger(policy.getBytes(StandardCharsets.UTF_8), checkpoints, leaves)
            .tally(t.totals(), t.shares(), t.results());
    Map<String, byte[]> folder = new TreeMap<>();
    folder.put("ceremony.json", TrusteeFiles.write(p));
    announcements.forEach(
        a -> folder.put("trustee-" + a.trustee() + ".announcement.json", TrusteeFiles.write(p, a)));
    deals.forEach(
        d -> folder.put("trustee-" + d.dealer() + ".deal.json", TrusteeFiles.write(p, d)));
    reports.forEach(
        r -> folder.put("trustee-" + r.trustee() + ".check.json", TrusteeFiles.write(p, r)));
    folder.put("joint-key.json", TrusteeFiles.write(joint));
    return new Generated(w.files(), votes, recorded, leaves, counts, sample, folder);
  }

  /** The key ceremony (3 trustees, k = 2, no dealer) and the signed package of {@code name}. */
  static Setup setup(String name) throws Exception {
    SampleElection sample = SampleElection.create();

    ElectionManifest manifest = sample.manifest();
    CeremonyParameters p =
        CeremonyParameters.of(
            ManifestJson.electionHash(manifest), 2, List.of("Ana", "Boris", "Chulpan"));
    byte[] c = p.ceremonyHash();

    // The key ceremony, every secret fixed.
    List<Trustee> trustees = new ArrayList<>();
    List<KeyAnnouncement> announcements = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Scalar[] a = {fixed(name + "/a/" + i + "/0"), fixed(name + "/a/" + i + "/1")};
      Trustee t = new Trustee(p, i, fixed(name + "/d/" + i), new Polynomial(a), null);
      trustees.add(t);
      announcements.add(
          new KeyAnnouncement(
              i,
              org.urna.core.crypto.Group.mulG(t.encryptionSecret()).normalize(),
              SchnorrProof.proveWithNonce(
                  KeyAnnouncement.PROOF_TAG,
                  c,
                  i,
                  0,
                  t.encryptionSecret(),
                  fixed(name + "/w/" + i))));
    }
    List<Deal> deals = new ArrayList<>();
    for (Trustee t : trustees) {
      int i = t.index();
      List<SchnorrProof> proofs = new ArrayList<>();
      for (int m = 0; m < 2; m++) {
        proofs.add(
            SchnorrProof.proveWithNonce(
                Deal.PROOF_TAG,
                c,
                i,
                m,
                t.polynomial().coefficient(m),
                fixed(name + "/w/coefficient/" + i + "/" + m)));
      }
      List<EncryptedShare> shares = new ArrayList<>();
      for (int j = 1; j <= 3; j++) {
        if (j != i) {
          shares.add(
              EncryptedShare.encryptWith(
                  c,
                  i,
                  j,
                  announcements.get(j - 1).encryptionKey(),
                  t.polynomial().at(j),
                  fixed(name + "/e/" + i + "/" + j)));
        }
      }
      deals.add(new Deal(i, List.of(t.polynomial().commitments()), proofs, shares));
    }
    List<CheckReport> reports = new ArrayList<>();
    for (Trustee t : trustees) {
      int j = t.index();
      reports.add(
          new CheckReport(
              j,
              new TreeSet<>(),
              SchnorrProof.proveWithNonce(
                  CheckReport.TAG,
                  c,
                  j,
                  0,
                  t.encryptionSecret(),
                  fixed(name + "/w/check/" + j),
                  CheckReport.message(new TreeSet<>()))));
    }
    JointKey joint =
        Ceremony.combine(p, new Ceremony.Published(announcements, deals, reports, List.of()));
    for (Trustee t : trustees) {
      t.finish(joint, deals, List.of());
    }
    ElectionPackage pkg = ElectionPackage.sign(manifest, joint.electionKey(), sample.authority());
    ElectionKey key = new ElectionKey(pkg.electionKey(), pkg.extendedHash());
    return new Setup(name, sample, p, trustees, announcements, deals, reports, joint, pkg, key);
  }

  /** The tally's files: encrypted totals, trustees 1 and 3's decryption shares, the results. */
  record TallyFiles(byte[] totals, Map<Integer, byte[]> shares, byte[] results) {}

  static TallyFiles tallyFiles(Setup setup, EncryptedTally tally) throws Exception {
    String name = setup.name();
    JointKey joint = setup.joint();
    List<Trustee> trustees = setup.trustees();
    List<EncryptedTotal> totals = EncryptedTotal.of(tally);
    Map<Integer, byte[]> shareFiles = new TreeMap<>();
    List<DecryptionShareSet> sets = new ArrayList<>();
    for (int j : new int[] {1, 3}) {
      Scalar sj = trustees.get(j - 1).finalShare().orElseThrow();
      List<DecryptionShare> shares = new ArrayList<>();
      for (EncryptedTotal t : totals) {
        Point m = t.ciphertext().alpha().multiply(sj).normalize();
        ShareProof proof =
            ShareProof.prove(
                joint.extendedHash(),
                t.label(),
                j,
                joint.publicShare(j),
                t.ciphertext(),
                m,
                sj,
                fixed(name + "/u/" + j + "/" + t.label()));
        shares.add(new DecryptionShare(j, t.contestId(), t.selectionId(), m, proof));
      }
      DecryptionShareSet set = new DecryptionShareSet(j, joint.extendedHash(), shares);
      sets.add(set);
      shareFiles.put(j, TrusteeFiles.write(set));
    }
    Combiner.Combination comb = Combiner.combine(joint, totals, sets);

    return new TallyFiles(
        TrusteeFiles.writeTotals(joint.extendedHash(), totals),
        shareFiles,
        TrusteeFiles.write(joint, comb));
  }

  /** The ledger's policy: the log key and three validators, a 2-of-3 quorum. */
  static String policy(String name) {
    byte[] logSeed = seed32(name + "/log-key");
    String policy = "log " + vkey(ORIGIN, KeyType.ED25519, logSeed) + "\n";
    for (String v : VALIDATORS) {
      policy +=
          "witness "
              + v
              + " "
              + vkey(v, KeyType.COSIGNATURE_V1, seed32(name + "/cosigner/" + v))
              + "\n";
    }
    return policy + "group validators 2 " + String.join(" ", VALIDATORS) + "\nquorum validators\n";
  }

  /** The ledger leaf {@code 0x02 || event} of a station's signed lifecycle event. */
  public static byte[] event(
      SampleElection sample,
      byte[] extendedHash,
      String station,
      long sequence,
      StationLifecycleEvent.Kind kind,
      long time,
      long ballots,
      TrackingCode head) {
    byte[] e =
        kind == StationLifecycleEvent.Kind.RESET
            ? StationLifecycleEvent.signReset(
                    sample.stationKey(station),
                    extendedHash,
                    station,
                    sequence,
                    time,
                    ballots,
                    head,
                    StationLifecycleEvent.ResetReason.ELECTION_OVER)
                .bytes()
            : StationLifecycleEvent.sign(
                    sample.stationKey(station),
                    extendedHash,
                    station,
                    sequence,
                    kind,
                    time,
                    ballots,
                    head,
                    kind.carriesReport()
                        ? java.util.Optional.of(seed32("report/" + station + "/" + sequence))
                        : java.util.Optional.empty())
                .bytes();
    byte[] leaf = new byte[1 + e.length];
    leaf[0] = 0x02;
    System.arraycopy(e, 0, leaf, 1, e.length);
    return leaf;
  }

  static String vkey(String keyName, KeyType type, byte[] seed) {
    byte[] pk = new byte[32];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    return new NoteKey(keyName, type, pk).vkey();
  }

  static byte[] sign(byte[] seed, byte[] msg) {
    byte[] pk = new byte[32];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    byte[] sig = new byte[64];
    Ed25519.sign(seed, 0, pk, 0, msg, 0, msg.length, sig, 0);
    return sig;
  }

  /** A checkpoint signed by the log key and cosigned (tlog-cosignature/v1) by every validator. */
  static byte[] checkpoint(String name, byte[] logSeed, long size, byte[] root) {
    String text = ORIGIN + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    StringBuilder note = new StringBuilder(text).append('\n');
    note.append(line(ORIGIN, KeyType.ED25519, logSeed, sign(logSeed, bytes(text))));
    long time = 1_789_808_400L + size;
    for (String v : VALIDATORS) {
      byte[] seed = seed32(name + "/cosigner/" + v);
      byte[] sig = sign(seed, bytes("cosignature/v1\ntime " + time + "\n" + text));
      byte[] body = ByteBuffer.allocate(72).putLong(time).put(sig).array();
      note.append(line(v, KeyType.COSIGNATURE_V1, seed, body));
    }
    return bytes(note.toString());
  }

  private static String line(String keyName, KeyType type, byte[] seed, byte[] sig) {
    byte[] pk = new byte[32];
    Ed25519.generatePublicKey(seed, 0, pk, 0);
    int id = new NoteKey(keyName, type, pk).keyId();
    byte[] raw = ByteBuffer.allocate(4 + sig.length).putInt(id).put(sig).array();
    return "\u2014 " + keyName + " " + Base64.getEncoder().encodeToString(raw) + "\n";
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** What the verifier prints on standard output for a record (one thread: same as any). */
  static String verifierOutput(RecordFiles files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ElectionRecordVerifier(files, Optional.empty(), 2)
        .verify()
        .print(new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  static Generated small() throws Exception {
    return generate("record-small", smallVotes(), 4);
  }

  /** Rewrites vectors/record-small/record/ and expected-output.txt (run from tally/). */
  public static void main(String[] args) throws Exception {
    Generated g = small();
    Path dir = SMALL.resolve("record");
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(x);
        }
      }
    }
    g.files().writeDirectory(dir);
    Files.writeString(SMALL.resolve("expected-output.txt"), verifierOutput(g.files()));
    System.out.println("wrote " + dir + " (" + g.files().all().size() + " files)");
  }
}
