package org.urna.tally.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.ManifestJson;
import org.urna.core.election.TrustAnchor;
import org.urna.tally.CeremonyParameters;
import org.urna.tally.CheckReport;
import org.urna.tally.ComplaintAnswer;
import org.urna.tally.Deal;
import org.urna.tally.JointKey;
import org.urna.tally.KeyAnnouncement;
import org.urna.tally.TrusteeException;
import org.urna.tally.files.CeremonyFolder;
import org.urna.tally.files.FileFormatException;
import org.urna.tally.files.TrusteeFiles;
import org.urna.tally.record.tlog.EntryBundles;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.TrustPolicy;

/**
 * Builds an election record (docs/spec/election-record.md 2) from the signed election package, the
 * key ceremony's public files, the ledger's entries (or recorded ballots in ledger order), its
 * policy and cosigned checkpoints, the encrypted totals, the trustees' decryption shares and the
 * results. It copies and rearranges; it checks only what it needs to write; run the verifier on
 * what it wrote.
 */
public final class ElectionRecordWriter {
  private final Map<String, byte[]> files = new TreeMap<>();

  /** The package (rewritten in its canonical form) and the trust anchor it loads under. */
  public ElectionRecordWriter election(ElectionPackage pkg, TrustAnchor anchor) {
    files.put(RecordLayout.CONSTANTS, RecordDocuments.constants());
    files.put(RecordLayout.TRUST_ANCHOR, RecordDocuments.trustAnchor(anchor.sha256Hex()));
    files.put(RecordLayout.PACKAGE, pkg.toJson());
    files.put(RecordLayout.MANIFEST, ManifestJson.canonical(pkg.manifest()));
    return this;
  }

  /**
   * The ceremony's public files: parameters, announcements, each deal's commitments and proofs (not
   * its encrypted shares), check reports, complaint answers, the joint key.
   */
  public ElectionRecordWriter ceremony(
      CeremonyParameters params,
      List<KeyAnnouncement> announcements,
      List<Deal> deals,
      List<CheckReport> reports,
      List<ComplaintAnswer> answers,
      JointKey joint) {
    files.put(RecordLayout.CEREMONY, TrusteeFiles.write(params));
    announcements.forEach(
        a -> files.put(RecordLayout.announcement(a.trustee()), TrusteeFiles.write(params, a)));
    deals.forEach(
        d ->
            files.put(
                RecordLayout.commitments(d.dealer()), TrusteeFiles.writeCommitments(params, d)));
    reports.forEach(r -> files.put(RecordLayout.check(r.trustee()), TrusteeFiles.write(params, r)));
    answers.forEach(
        a ->
            files.put(
                RecordLayout.answer(a.dealer(), a.recipient()), TrusteeFiles.write(params, a)));
    files.put(RecordLayout.JOINT_KEY, TrusteeFiles.write(joint));
    return this;
  }

  /** The same from a ceremony folder (its joint key recomputed, T2-T8). */
  public ElectionRecordWriter ceremony(CeremonyFolder folder)
      throws FileFormatException, TrusteeException {
    CeremonyParameters p = folder.params();
    return ceremony(
        p,
        folder.announcements(),
        folder.deals(),
        folder.reports(),
        folder.answers(),
        folder.jointKey());
  }

  /**
   * The ledger part: its policy, its quorum-cosigned checkpoints (signed notes, in any order) and
   * every entry (leaf) in log order. The policy is read as the ledger writes it (URLs, comments)
   * and kept in the record's strict form (docs/spec/election-record.md 2.4).
   */
  public ElectionRecordWriter ledger(byte[] policy, List<byte[]> checkpoints, List<byte[]> entries)
      throws IOException {
    try {
      files.put(
          RecordLayout.POLICY,
          TrustPolicy.parse(policy).strictForm().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (LedgerFormatException e) {
      throw new IOException("the ledger's policy does not parse: " + e.getMessage(), e);
    }
    for (byte[] note : checkpoints) {
      String text = new String(note, java.nio.charset.StandardCharsets.UTF_8);
      String[] lines = text.split("\n", 3);
      if (lines.length < 3 || !lines[1].matches("0|[1-9][0-9]{0,17}")) {
        throw new IOException("a checkpoint note does not start with an origin and a tree size");
      }
      files.put(RecordLayout.checkpoint(Long.parseLong(lines[1])), note);
    }
    List<String> paths = EntryBundles.paths(entries.size());
    for (int b = 0; b < paths.size(); b++) {
      int from = b * EntryBundles.WIDTH;
      int to = Math.min(entries.size(), from + EntryBundles.WIDTH);
      files.put(RecordLayout.ENTRIES + paths.get(b), EntryBundles.write(entries.subList(from, to)));
    }
    List<RecordDocuments.Challenged> challenged = new ArrayList<>();
    byte[] q = null;
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i).length > 0 && entries.get(i)[0] == RecordLayout.LEAF_EVENT) {
        continue; // a station's lifecycle event: no ballot
      }
      RecordedBallot r = ballotOf(entries.get(i));
      q = q == null ? r.ballot().extendedHash() : q;
      if (r.state() == BallotState.CHALLENGED) {
        challenged.add(new RecordDocuments.Challenged(i, r));
      }
    }
    if (q == null) {
      q = new byte[32];
    }
    files.put(RecordLayout.CHALLENGED, RecordDocuments.challenged(q, challenged));
    return this;
  }

  /** The entries of a ledger's entry bundles, as downloaded into {@code dir/tile/entries/...}. */
  public static List<byte[]> entriesFromTiles(Path dir, long size) throws IOException {
    List<byte[]> out = new ArrayList<>();
    List<String> paths = EntryBundles.paths(size);
    for (int b = 0; b < paths.size(); b++) {
      int count = (int) Math.min(EntryBundles.WIDTH, size - (long) b * EntryBundles.WIDTH);
      out.addAll(EntryBundles.read(Files.readAllBytes(dir.resolve(paths.get(b))), count));
    }
    return out;
  }

  /**
   * The ledger's leaf of a recorded ballot: {@code 0x01 || tracking code || ballot} (ledger.md).
   */
  public static byte[] leaf(RecordedBallot r) {
    byte[] ballot = r.toBytes();
    byte[] leaf = new byte[1 + TrackingCode.BYTES + ballot.length];
    leaf[0] = RecordLayout.LEAF_BALLOT;
    System.arraycopy(r.code().toBytes(), 0, leaf, 1, TrackingCode.BYTES);
    System.arraycopy(ballot, 0, leaf, 1 + TrackingCode.BYTES, ballot.length);
    return leaf;
  }

  static RecordedBallot ballotOf(byte[] leaf) {
    if (leaf.length < 1 + TrackingCode.BYTES || leaf[0] != RecordLayout.LEAF_BALLOT) {
      throw new IllegalArgumentException("not a ballot leaf");
    }
    return RecordedBallot.decode(Arrays.copyOfRange(leaf, 1 + TrackingCode.BYTES, leaf.length));
  }

  /** The tally part: encrypted totals, every decryption share file given, the results. */
  public ElectionRecordWriter tally(byte[] totals, Map<Integer, byte[]> shares, byte[] results) {
    files.put(RecordLayout.TOTALS, totals);
    shares.forEach((j, b) -> files.put(RecordLayout.shares(j), b));
    files.put(RecordLayout.RESULTS, results);
    return this;
  }

  public RecordFiles files() {
    return new RecordFiles(files);
  }

  /** Writes the directory and, beside it, {@code <dir>.zip}. */
  public void write(Path dir, boolean zip) throws IOException {
    RecordFiles f = files();
    f.writeDirectory(dir);
    if (zip) {
      try (var out =
          new java.io.BufferedOutputStream(
              Files.newOutputStream(dir.resolveSibling(dir.getFileName() + ".zip")))) {
        f.writeZip(out);
      }
    }
  }
}
