package org.urna.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.merkle.NodeHash;

/**
 * RFC 9162 verification checked against the ledger's own Merkle log (the oracle): every real proof
 * verifies, and any flipped bit, wrong index, wrong size or wrong root fails.
 */
class MerkleProofsTest {
  private static final int N = 70;
  private static MerkleLog log;
  private static Path dir;

  @BeforeContainer
  static void build() throws Exception {
    dir = java.nio.file.Files.createTempDirectory("merkle");
    log = MerkleLog.open(dir.resolve("log"));
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      entries.add(("entry " + i).getBytes());
    }
    log.append(entries);
  }

  @AfterContainer
  static void close() throws Exception {
    log.close();
  }

  private static List<TreeHash> mine(List<NodeHash> p) {
    return p.stream().map(h -> TreeHash.of(h.bytes())).toList();
  }

  private static TreeHash root(long size) {
    return TreeHash.of(log.root(size).bytes());
  }

  @Property(tries = 300)
  void realInclusionProofsVerifyAndTamperedOnesFail(
      @ForAll @IntRange(min = 1, max = N) int size,
      @ForAll @IntRange(min = 0, max = N - 1) int index,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    int i = index % size;
    TreeHash leaf = MerkleProofs.leafHash(("entry " + i).getBytes());
    assertThat(leaf.bytes()).isEqualTo(log.leafHash(i).bytes());
    List<TreeHash> path = mine(log.inclusionProof(i, size));
    assertThat(MerkleProofs.verifyInclusion(leaf, i, size, path, root(size))).isTrue();
    assertThat(MerkleProofs.verifyInclusion(leaf, i + 1, size, path, root(size))).isFalse();
    if (!path.isEmpty()) {
      List<TreeHash> bad = new ArrayList<>(path);
      int k = bit % bad.size();
      byte[] h = bad.get(k).bytes();
      h[bit / 8 % 32] ^= (byte) (1 << (bit % 8));
      bad.set(k, TreeHash.of(h));
      assertThat(MerkleProofs.verifyInclusion(leaf, i, size, bad, root(size))).isFalse();
    }
    byte[] r = root(size).bytes();
    r[bit % 32] ^= 1;
    assertThat(MerkleProofs.verifyInclusion(leaf, i, size, path, TreeHash.of(r))).isFalse();
  }

  @Property(tries = 300)
  void realConsistencyProofsVerifyAndTamperedOnesFail(
      @ForAll @IntRange(min = 1, max = N) int a,
      @ForAll @IntRange(min = 1, max = N) int b,
      @ForAll @IntRange(min = 0, max = 255) int bit) {
    int first = Math.min(a, b);
    int second = Math.max(a, b);
    List<TreeHash> path = mine(log.consistencyProof(first, second));
    assertThat(MerkleProofs.verifyConsistency(first, second, path, root(first), root(second)))
        .isTrue();
    byte[] r = root(first).bytes();
    r[bit % 32] ^= 1;
    assertThat(MerkleProofs.verifyConsistency(first, second, path, TreeHash.of(r), root(second)))
        .isFalse();
    if (!path.isEmpty()) {
      List<TreeHash> bad = new ArrayList<>(path);
      int k = bit % bad.size();
      byte[] h = bad.get(k).bytes();
      h[bit / 8 % 32] ^= (byte) (1 << (bit % 8));
      bad.set(k, TreeHash.of(h));
      assertThat(MerkleProofs.verifyConsistency(first, second, bad, root(first), root(second)))
          .isFalse();
    }
    if (first < second) {
      // A wrong size: RFC 9162 binds sizes only through the path's shape; agree with the ledger.
      boolean ledgers =
          org.urna.ledger.merkle.ProofVerifier.verifyConsistency(
              first,
              second - 1,
              log.consistencyProof(first, second),
              log.root(first),
              log.root(second));
      assertThat(MerkleProofs.verifyConsistency(first, second - 1, path, root(first), root(second)))
          .isEqualTo(ledgers);
    }
  }
}
