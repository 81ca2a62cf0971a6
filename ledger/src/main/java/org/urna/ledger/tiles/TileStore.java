package org.urna.ledger.tiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import org.urna.ledger.merkle.MerkleLog;

/** Reads tlog-tiles hash tiles and entry bundles out of a {@link MerkleLog}. */
public final class TileStore {
  private final MerkleLog log;

  public TileStore(MerkleLog log) {
    this.log = log;
  }

  /** The tile's bytes, or empty when the log does not (yet) hold that tile. */
  public Optional<byte[]> read(TilePath tile) throws IOException {
    long size = log.size();
    int level = tile.entries() ? 0 : tile.level() * 8;
    if (level >= 63) {
      return Optional.empty();
    }
    long firstHash = Math.multiplyExact(tile.index(), (long) TilePath.FULL);
    long stride = 1L << level;
    // The last hash of the tile must cover a complete subtree inside the tree.
    long needed;
    try {
      needed = Math.multiplyExact(firstHash + tile.width(), stride);
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
    if (needed > size) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < tile.width(); i++) {
      if (tile.entries()) {
        byte[] e = log.entry(firstHash + i);
        out.write(e.length >>> 8);
        out.write(e.length);
        out.write(e);
      } else {
        out.write(log.subtreeHash(level, firstHash + i).bytes());
      }
    }
    return Optional.of(out.toByteArray());
  }
}
