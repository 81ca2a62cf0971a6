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
}
