package org.urna.ledger.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ledger.Vectors;
import org.urna.ledger.merkle.MerkleLog;
import org.urna.ledger.merkle.Rfc6962;
import org.urna.ledger.note.NoteFormatException;

class TilePathTest {
  @TempDir Path dir;

  @Test
  void specExampleIndexIsWrittenInXPrefixedGroups() {
    var keys = Vectors.properties("c2sp-keys.properties");
    long index = Long.parseLong(keys.getProperty("tile.index"));
    assertThat(TilePath.hashes(0, index, 256).path()).isEqualTo(keys.getProperty("tile.path"));
    assertThat(TilePath.parse(keys.getProperty("tile.path")).index()).isEqualTo(index);
    assertThat(TilePath.hashes(1, 0, 17).path()).isEqualTo("tile/1/000.p/17");
    assertThat(TilePath.bundle(1000, 112).path()).isEqualTo("tile/entries/x001/000.p/112");
    assertThat(TilePath.parse("tile/entries/x001/000.p/112")).isEqualTo(TilePath.bundle(1000, 112));
  }

  @Test
  void nonCanonicalPathsAreRefused() {
    for (String bad :
        List.of(
            "tile/0/1",
            "tile/0/x000/001",
            "tile/00/000",
            "tile/0/000.p/256",
            "tile/0/000.p/0",
            "tile/0/000.p/07",
            "tile/64/000",
            "tile/0/001/002",
            "tile/entries/000.p/",
            "tiles/0/000")) {
      assertThatThrownBy(() -> TilePath.parse(bad)).as(bad).isInstanceOf(NoteFormatException.class);
    }
  }

  @Test
  void tilesOfATreeOf70000AreTheOnesTheSpecLists() throws Exception {
    // tlog-tiles: 273 full level-0 tiles, one partial of width 112, one full level-1 tile, one
    // partial level-1 tile of width 17 and one partial level-2 tile of width 1.
    try (MerkleLog log = MerkleLog.open(dir.resolve("log"))) {
      List<byte[]> batch = new ArrayList<>();
      for (int i = 0; i < 70_000; i++) {
        batch.add(ByteBuffer.allocate(4).putInt(i).array());
      }
      log.append(batch);
      TileStore tiles = new TileStore(log);
      assertThat(tiles.read(TilePath.hashes(0, 272, 256))).isPresent();
      assertThat(tiles.read(TilePath.hashes(0, 273, 256))).isEmpty();
      assertThat(tiles.read(TilePath.hashes(0, 273, 112)))
          .get()
          .extracting(b -> b.length)
          .isEqualTo(112 * 32);
      assertThat(tiles.read(TilePath.hashes(0, 273, 113))).isEmpty();
      assertThat(tiles.read(TilePath.hashes(1, 0, 256))).isPresent();
      assertThat(tiles.read(TilePath.hashes(1, 1, 17))).isPresent();
      assertThat(tiles.read(TilePath.hashes(1, 1, 18))).isEmpty();
      assertThat(tiles.read(TilePath.hashes(2, 0, 1))).isPresent();
      // A level-1 hash is the root of the level-0 tile below it.
      byte[] level1 = tiles.read(TilePath.hashes(1, 0, 256)).orElseThrow();
      assertThat(java.util.Arrays.copyOfRange(level1, 32, 64))
          .isEqualTo(log.subtreeHash(8, 1).bytes());
      assertThat(log.subtreeHash(8, 1)).isEqualTo(subtreeRoot(log, 256, 512));
      byte[] bundle = tiles.read(TilePath.bundle(0, 256)).orElseThrow();
      assertThat(ByteBuffer.wrap(bundle).getShort()).isEqualTo((short) 4);
      assertThat(Rfc6962.leafHash(java.util.Arrays.copyOfRange(bundle, 2, 6)))
          .isEqualTo(log.leafHash(0));
    }
  }

  private static org.urna.ledger.merkle.NodeHash subtreeRoot(MerkleLog log, int lo, int hi) {
    List<org.urna.ledger.merkle.NodeHash> level = new ArrayList<>();
    for (int i = lo; i < hi; i++) {
      level.add(log.leafHash(i));
    }
    while (level.size() > 1) {
      List<org.urna.ledger.merkle.NodeHash> up = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        up.add(Rfc6962.nodeHash(level.get(i), level.get(i + 1)));
      }
      level = up;
    }
    return level.getFirst();
  }
}
