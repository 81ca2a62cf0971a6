package org.urna.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incremental roots against RFC 9162's definition of MTH, written recursively. */
class MerkleRootsTest {
  /** RFC 9162 2.1.1 MTH, as the RFC states it. */
  static byte[] mth(List<byte[]> entries) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    if (entries.isEmpty()) {
      return md.digest();
    }
    if (entries.size() == 1) {
      md.update((byte) 0);
      return md.digest(entries.getFirst());
    }
    int k = Integer.highestOneBit(entries.size() - 1);
    md.update((byte) 1);
    md.update(mth(entries.subList(0, k)));
    return md.digest(mth(entries.subList(k, entries.size())));
  }

  @Test
  void incrementalRootsAreTheTreeHashAtEverySize() throws Exception {
    List<byte[]> entries = new ArrayList<>();
    MerkleRoots roots = new MerkleRoots();
    assertThat(roots.root().bytes()).isEqualTo(mth(entries));
    for (int i = 0; i < 70; i++) {
      byte[] e = ("entry " + i).getBytes();
      entries.add(e);
      roots.addLeafHash(MerkleProofs.leafHash(e));
      assertThat(roots.size()).isEqualTo(i + 1);
      assertThat(roots.root().bytes()).as("size " + (i + 1)).isEqualTo(mth(entries));
    }
  }

  /**
   * A tree resumed from the frontier of its first n leaves goes on to the tree hash of every larger
   * size; a frontier of the wrong length for its size is refused.
   */
  @Test
  void aTreeResumedFromItsFrontierGoesOnToTheSameRoots() throws Exception {
    List<byte[]> entries = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      entries.add(("entry " + i).getBytes());
    }
    for (int n : new int[] {0, 1, 2, 3, 7, 8, 33, 64, 65}) {
      MerkleRoots first = new MerkleRoots();
      entries.subList(0, n).forEach(e -> first.addLeafHash(MerkleProofs.leafHash(e)));
      assertThat(first.frontier()).hasSize(Long.bitCount(n));
      MerkleRoots resumed = MerkleRoots.resume(n, first.frontier());
      assertThat(resumed.root()).isEqualTo(first.root());
      for (int m = n; m < entries.size(); m++) {
        resumed.addLeafHash(MerkleProofs.leafHash(entries.get(m)));
        assertThat(resumed.root().bytes())
            .as(n + " then " + (m + 1))
            .isEqualTo(mth(entries.subList(0, m + 1)));
      }
    }
    MerkleRoots three =
        MerkleRoots.resume(3, List.of(TreeHash.of(new byte[32]), TreeHash.of(new byte[32])));
    assertThat(three.size()).isEqualTo(3);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                MerkleRoots.resume(
                    4, List.of(TreeHash.of(new byte[32]), TreeHash.of(new byte[32]))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a tree of 4 leaves has 1 complete subtrees, not 2");
  }
}
