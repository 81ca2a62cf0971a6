package org.urna.tally.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.urna.tally.record.ElectionRecordWriter;
import org.urna.tlog.Checkpoint;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.MerkleProofs;
import org.urna.tlog.MerkleRoots;
import org.urna.tlog.SignedNote;
import org.urna.tlog.TreeHash;
import org.urna.tlog.TrustPolicy;

/**
 * The ledger as downloaded (docs/spec/trustees.md 6.5): {@code policy.txt}, {@code
 * checkpoints/<size>} (signed notes, each cosigned by a quorum) and the C2SP entry bundles {@code
 * tile/entries/...} of the largest checkpoint's tree. Reading it checks it again under a policy the
 * reader pins: every checkpoint trusted, the entries hashing to every checkpoint's root.
 */
public final class LedgerFolder {
  public static final String POLICY = "policy.txt";
  public static final String CHECKPOINTS = "checkpoints";

  /** The entries (leaves, in log order) and the trusted checkpoints, smallest first. */
  public record Contents(List<byte[]> entries, List<Checkpoint> checkpoints) {
    public Checkpoint newest() {
      return checkpoints.getLast();
    }
  }

  private LedgerFolder() {}

  /** Reads and checks {@code dir} under {@code policy} (the reader's, not the folder's). */
  public static Contents read(Path dir, TrustPolicy policy) throws LedgerRefusal {
    TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
    Path folder = dir.resolve(CHECKPOINTS);
    if (!Files.isDirectory(folder)) {
      throw new LedgerRefusal(dir + " holds no checkpoints folder: it is not a downloaded ledger.");
    }
    try (var s = Files.list(folder)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        Checkpoint cp = trusted(Files.readAllBytes(p), policy, CHECKPOINTS + "/" + name);
        if (!name.equals(Long.toString(cp.size()))) {
          throw new LedgerRefusal(
              CHECKPOINTS + "/" + name + " holds the checkpoint of size " + cp.size() + ".");
        }
        checkpoints.put(cp.size(), cp);
      }
    } catch (IOException e) {
      throw new LedgerRefusal("Cannot read " + folder + ": " + e.getMessage());
    }
    if (checkpoints.isEmpty()) {
      throw new LedgerRefusal(folder + " holds no checkpoint.");
    }
    long size = checkpoints.lastKey();
    List<byte[]> entries;
    try {
      entries = ElectionRecordWriter.entriesFromTiles(dir, size);
    } catch (NoSuchFileException e) {
      throw new LedgerRefusal(
          "An entry bundle of the " + size + " entries is missing: " + e.getMessage());
    } catch (IOException | LedgerFormatException e) {
      throw new LedgerRefusal("The entry bundles cannot be read: " + e.getMessage());
    }
    List<TreeHash> leaves = new ArrayList<>(entries.size());
    entries.forEach(e -> leaves.add(MerkleProofs.leafHash(e)));
    checkRoots(leaves, new ArrayList<>(checkpoints.values()));
    return new Contents(entries, List.copyOf(checkpoints.values()));
  }

  /** A signed note that parses, is signed by a trusted log key and cosigned by a quorum. */
  static Checkpoint trusted(byte[] note, TrustPolicy policy, String what) throws LedgerRefusal {
    SignedNote n;
    try {
      n = SignedNote.parse(note);
    } catch (LedgerFormatException e) {
      throw new LedgerRefusal(what + " is not a signed note: " + e.getMessage());
    }
    return switch (policy.check(n)) {
      case TrustPolicy.Verdict.Trusted t -> t.checkpoint();
      case TrustPolicy.Verdict.Untrusted u ->
          throw new LedgerRefusal(
              what
                  + " is not trusted under the policy (quorum "
                  + policy.quorum()
                  + "): "
                  + u.why()
                  + ".");
    };
  }

  /**
   * The leaves, hashed into a tree leaf by leaf, give each checkpoint's root at its size (smallest
   * first; the last checkpoint's size is the number of leaves).
   */
  static void checkRoots(List<TreeHash> leaves, List<Checkpoint> checkpoints) throws LedgerRefusal {
    MerkleRoots tree = new MerkleRoots();
    int at = 0;
    for (Checkpoint cp : checkpoints) {
      while (at < cp.size()) {
        tree.addLeafHash(leaves.get(at++));
      }
      TreeHash root = tree.root();
      if (!root.equals(cp.root())) {
        throw new LedgerRefusal(
            "The first "
                + cp.size()
                + " entries hash to "
                + root.base64()
                + ", not to the root "
                + cp.root().base64()
                + " of the cosigned checkpoint of size "
                + cp.size()
                + ": an entry bundle was changed, or the ledger forked.");
      }
    }
  }
}
