package org.urna.tally.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urna.tally.record.tlog.Checkpoint;
import org.urna.tally.record.tlog.EntryBundles;
import org.urna.tally.record.tlog.MerkleRoots;
import org.urna.tally.record.tlog.TlogFormatException;
import org.urna.tally.record.tlog.VerifierKey;

/** The record's own C2SP and RFC 9162 code against the definitions. */
class TlogTest {
  /** RFC 9162 2.1.1 MTH, written recursively as the RFC states it. */
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
    assertThat(roots.root()).isEqualTo(mth(entries));
    for (int i = 0; i < 70; i++) {
      byte[] e = ("entry " + i).getBytes();
      entries.add(e);
      roots.addLeafHash(MerkleRoots.leafHash(e));
      assertThat(roots.root()).as("size " + (i + 1)).isEqualTo(mth(entries));
    }
  }

  @Test
  void bundlePathsFollowTlogTiles() {
    assertThat(EntryBundles.path(0, 12)).isEqualTo("tile/entries/000.p/12");
    assertThat(EntryBundles.path(1234, 256)).isEqualTo("tile/entries/x001/234");
    assertThat(EntryBundles.path(1234067, 256)).isEqualTo("tile/entries/x001/x234/067");
    assertThat(EntryBundles.paths(513))
        .containsExactly("tile/entries/000", "tile/entries/001", "tile/entries/002.p/1");
    assertThat(EntryBundles.paths(512)).containsExactly("tile/entries/000", "tile/entries/001");
  }

  @Test
  void bundlesRoundTripAndRefuseCutEntries() throws Exception {
    List<byte[]> entries = List.of(new byte[] {1, 2}, new byte[0], new byte[300]);
    byte[] b = EntryBundles.write(entries);
    assertThat(EntryBundles.read(b, 3)).hasSize(3);
    assertThatThrownBy(() -> EntryBundles.read(Arrays.copyOf(b, b.length - 1), 3))
        .isInstanceOf(TlogFormatException.class);
    assertThatThrownBy(() -> EntryBundles.read(b, 2)).isInstanceOf(TlogFormatException.class);
  }

  @Test
  void verifierKeysWithPlusInTheirBase64Parse() throws Exception {
    int found = 0;
    for (int i = 0; i < 200 && found < 5; i++) {
      byte[] pk = MessageDigest.getInstance("SHA-256").digest(("k" + i).getBytes());
      VerifierKey k = new VerifierKey("v1.example.org", VerifierKey.COSIGNATURE, pk);
      String vkey = k.vkey();
      if (vkey.split("\\+").length > 3) {
        found++; // a '+' inside the base64 key
      }
      assertThat(VerifierKey.parse(vkey).keyId()).isEqualTo(k.keyId());
      assertThat(VerifierKey.parse(vkey).publicKey()).isEqualTo(pk);
    }
    assertThat(found).isPositive();
    assertThatThrownBy(() -> VerifierKey.parse("name+0000000+AQ=="))
        .isInstanceOf(TlogFormatException.class);
  }

  @Test
  void checkpointsAreThreeLines() throws Exception {
    String root = "RvNDq7DjxawgzmFFiaq13iBuD9C88/DrieDaoxOjHAI=";
    assertThat(Checkpoint.parse("o\n4\n" + root + "\n").size()).isEqualTo(4);
    for (String bad :
        List.of(
            "o\n04\n" + root + "\n",
            "o\n4\n" + root,
            "o\n4\n" + root + "\next\n",
            "\n4\n" + root + "\n",
            "o\n4\nAAAA\n")) {
      assertThatThrownBy(() -> Checkpoint.parse(bad)).isInstanceOf(TlogFormatException.class);
    }
  }
}
