package org.urna.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/** A growable column of 32-byte hashes stored in fixed chunks (no copying as it grows). */
final class HashColumn {
  private static final int PER_CHUNK = 8192;
  private final List<byte[]> chunks = new ArrayList<>();
  private long size;

  long size() {
    return size;
  }

  void add(byte[] hash) {
    int slot = (int) (size % PER_CHUNK);
    if (slot == 0) {
      chunks.add(new byte[PER_CHUNK * NodeHash.SIZE]);
    }
    System.arraycopy(hash, 0, chunks.getLast(), slot * NodeHash.SIZE, NodeHash.SIZE);
    size++;
  }

  byte[] get(long index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("hash " + index + " of " + size);
    }
    byte[] out = new byte[NodeHash.SIZE];
    copy(index, out, 0);
    return out;
  }

  void copy(long index, byte[] target, int offset) {
    byte[] chunk = chunks.get((int) (index / PER_CHUNK));
    System.arraycopy(
        chunk, (int) (index % PER_CHUNK) * NodeHash.SIZE, target, offset, NodeHash.SIZE);
  }

  void truncate(long newSize) {
    if (newSize > size) {
      throw new IllegalArgumentException("cannot grow by truncation");
    }
    size = newSize;
    int chunksNeeded = (int) ((newSize + PER_CHUNK - 1) / PER_CHUNK);
    while (chunks.size() > chunksNeeded) {
      chunks.removeLast();
    }
  }
}
