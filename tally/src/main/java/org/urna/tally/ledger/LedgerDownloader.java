package org.urna.tally.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.urna.tally.record.tlog.EntryBundles;
import org.urna.tlog.Checkpoint;
import org.urna.tlog.LedgerFormatException;
import org.urna.tlog.MerkleProofs;
import org.urna.tlog.MerkleRoots;
import org.urna.tlog.TreeHash;
import org.urna.tlog.TrustPolicy;

/**
 * Downloads the ledger from its validators (docs/spec/trustees.md 6.5): the newest checkpoint that
 * a quorum of the pinned policy cosigned, the level-0 hash tiles (the leaf hashes) that must hash
 * to its root, and every entry bundle, each entry of which must hash to its leaf. A validator that
 * serves a tile that does not check is named and the next one asked; the folder is written only
 * when everything checks, then read back with {@link LedgerFolder#read}.
 */
public final class LedgerDownloader {
  private static final int HASH = 32;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<URI> validators;
  private final TrustPolicy policy;
  private final byte[] policyText;
  private final PrintStream progress;
  private final ValidatorHttp http = new ValidatorHttp();

  public LedgerDownloader(
      List<URI> validators, byte[] policyText, TrustPolicy policy, PrintStream progress) {
    if (validators.isEmpty()) {
      throw new IllegalArgumentException("at least one validator URL");
    }
    this.validators = List.copyOf(validators);
    this.policy = policy;
    this.policyText = policyText.clone();
    this.progress = progress;
  }

  /** Downloads, checks and writes the folder {@code out} (which must not exist yet). */
  public LedgerFolder.Contents download(Path out) throws LedgerRefusal, IOException {
    if (Files.exists(out)) {
      throw new LedgerRefusal(out + " already exists: give a new folder.");
    }
    TreeMap<Long, Checkpoint> trusted = new TreeMap<>();
    Map<Long, byte[]> notes = new TreeMap<>();
    List<String> refused = new ArrayList<>();
    for (URI v : validators) {
      byte[] note;
      try {
        note = get(v, "checkpoint");
      } catch (IOException e) {
        refused.add(v + ": " + e.getMessage());
        continue;
      }
      Checkpoint cp;
      try {
        cp = LedgerFolder.trusted(note, policy, "its checkpoint");
      } catch (LedgerRefusal e) {
        refused.add(v + ": " + e.getMessage());
        continue;
      }
      keep(trusted, notes, cp, note, v);
      progress.println(v + ": checkpoint of size " + cp.size() + " cosigned by a quorum");
      // The checkpoints it published before: those the policy trusts go into the folder too.
      try {
        for (JsonNode n : JSON.readTree(get(v, "v1/checkpoints")).path("checkpoints")) {
          byte[] earlier = n.asText().getBytes(StandardCharsets.UTF_8);
          try {
            keep(trusted, notes, LedgerFolder.trusted(earlier, policy, "a checkpoint"), earlier, v);
          } catch (LedgerRefusal untrusted) {
            // not cosigned by this policy's quorum: not part of the download
          }
        }
      } catch (IOException e) {
        progress.println(v + ": no checkpoint history (" + e.getMessage() + ")");
      }
    }
    if (trusted.isEmpty()) {
      throw new LedgerRefusal(
          "No validator serves a checkpoint cosigned by a quorum of the policy (quorum "
              + policy.quorum()
              + "):\n  "
              + String.join("\n  ", refused));
    }
    Checkpoint newest = trusted.lastEntry().getValue();
    List<TreeHash> leaves = leafHashes(newest);
    List<Checkpoint> all = new ArrayList<>(trusted.values());
    LedgerFolder.checkRoots(leaves, all); // the smaller checkpoints: prefixes of the newest
    Map<String, byte[]> bundles = new LinkedHashMap<>();
    List<String> paths = EntryBundles.paths(newest.size());
    for (int b = 0; b < paths.size(); b++) {
      bundles.put(paths.get(b), bundle(paths.get(b), b, leaves));
    }
    Path tmp = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".ledger-download");
    try {
      Files.write(tmp.resolve(LedgerFolder.POLICY), policyText);
      Files.createDirectories(tmp.resolve(LedgerFolder.CHECKPOINTS));
      for (Map.Entry<Long, byte[]> n : notes.entrySet()) {
        Files.write(
            tmp.resolve(LedgerFolder.CHECKPOINTS).resolve(n.getKey().toString()), n.getValue());
      }
      for (Map.Entry<String, byte[]> e : bundles.entrySet()) {
        Path p = tmp.resolve(e.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, e.getValue());
      }
      LedgerFolder.Contents read = LedgerFolder.read(tmp, policy);
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
      return read;
    } finally {
      deleteTree(tmp);
    }
  }

  /** Keeps a trusted checkpoint; two of one size with different roots are a fork. */
  private static void keep(
      TreeMap<Long, Checkpoint> trusted,
      Map<Long, byte[]> notes,
      Checkpoint cp,
      byte[] note,
      URI from)
      throws LedgerRefusal {
    Checkpoint same = trusted.get(cp.size());
    if (same != null && !same.root().equals(cp.root())) {
      throw new LedgerRefusal(
          "Two checkpoints of size "
              + cp.size()
              + " with different roots are both cosigned by a quorum (the ledger forked; "
              + from
              + " serves one of them): do not tally, call the validators' operators.");
    }
    trusted.put(cp.size(), cp);
    notes.putIfAbsent(cp.size(), note);
  }

  /** The leaf hashes from the level-0 hash tiles of one validator whose tiles give the root. */
  private List<TreeHash> leafHashes(Checkpoint cp) throws LedgerRefusal {
    List<String> problems = new ArrayList<>();
    for (URI v : validators) {
      try {
        List<TreeHash> leaves = new ArrayList<>((int) cp.size());
        MerkleRoots tree = new MerkleRoots();
        for (long t = 0; t * EntryBundles.WIDTH < cp.size(); t++) {
          int width = (int) Math.min(EntryBundles.WIDTH, cp.size() - t * EntryBundles.WIDTH);
          String path = EntryBundles.hashTilePath(0, t, width);
          byte[] tile = get(v, path);
          if (tile.length != width * HASH) {
            throw new IOException(path + " holds " + tile.length + " bytes, not " + width * HASH);
          }
          for (int i = 0; i < width; i++) {
            TreeHash h = TreeHash.of(Arrays.copyOfRange(tile, i * HASH, (i + 1) * HASH));
            leaves.add(h);
            tree.addLeafHash(h);
          }
        }
        if (tree.root().equals(cp.root())) {
          progress.println(
              v + ": the hash tiles of " + cp.size() + " entries hash to the checkpoint's root");
          return leaves;
        }
        problems.add(v + ": its hash tiles hash to " + tree.root().base64() + ", not to the root");
      } catch (IOException | LedgerFormatException e) {
        problems.add(v + ": " + e.getMessage());
      }
    }
    throw new LedgerRefusal(
        "No validator serves hash tiles that hash to the root "
            + cp.root().base64()
            + " of the cosigned checkpoint of size "
            + cp.size()
            + ":\n  "
            + String.join("\n  ", problems));
  }

  /** Entry bundle {@code b}: from the first validator whose entries hash to the proven leaves. */
  private byte[] bundle(String path, int b, List<TreeHash> leaves) throws LedgerRefusal {
    int from = b * EntryBundles.WIDTH;
    int count = Math.min(EntryBundles.WIDTH, leaves.size() - from);
    List<String> problems = new ArrayList<>();
    for (URI v : validators) {
      try {
        byte[] bytes = get(v, path);
        List<byte[]> entries = EntryBundles.read(bytes, count);
        int bad = -1;
        for (int i = 0; i < count && bad < 0; i++) {
          if (!MerkleProofs.leafHash(entries.get(i)).equals(leaves.get(from + i))) {
            bad = from + i;
          }
        }
        if (bad < 0) {
          return bytes;
        }
        problems.add(
            v
                + ": entry "
                + bad
                + " does not hash to the leaf under the checkpoint's root (the tile was changed)");
      } catch (IOException | LedgerFormatException e) {
        problems.add(v + ": " + e.getMessage());
      }
    }
    throw new LedgerRefusal(
        "No validator serves "
            + path
            + " with entries that hash to the checkpoint's root:\n  "
            + String.join("\n  ", problems));
  }

  private byte[] get(URI validator, String path) throws IOException {
    return http.get(validator, path);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
