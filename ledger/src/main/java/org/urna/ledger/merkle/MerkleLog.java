package org.urna.ledger.merkle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.zip.CRC32C;

/**
 * An append-only Merkle log on disk. The file starts with an 8-byte magic; each entry is a record
 * {@code u32 length || u32 CRC32C(data) || data}. A torn or corrupt tail (a crash mid-write) is
 * detected on open and truncated to the last whole record. Leaf and interior hashes live in memory
 * and are rebuilt on open. Readers may run concurrently with one writer.
 */
public final class MerkleLog implements AutoCloseable {
  /** tlog-tiles entry bundles prefix each entry with a uint16 length. */
  public static final int MAX_ENTRY = 65_535;

  static final byte[] MAGIC = {'U', 'R', 'N', 'A', 'L', 'O', 'G', '1'};
  private static final int HEADER = 8;

  private final Path file;
  private final FileChannel channel;
  private final HashTree tree = new HashTree();
  private long[] offsets = new long[1024];
  private long end;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private long truncatedOnOpen;

  private MerkleLog(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Opens or creates the log, truncating a torn tail. */
  public static MerkleLog open(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (ch.size() < HEADER) {
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(MAGIC), 0);
      ch.force(true);
    } else {
      ByteBuffer magic = ByteBuffer.allocate(HEADER);
      ch.read(magic, 0);
      if (!Arrays.equals(magic.array(), MAGIC)) {
        ch.close();
        throw new IOException("not a ledger log file: " + file);
      }
    }
    long fileSize = ch.size();
    MerkleLog log = new MerkleLog(file, ch);
    long good = log.scan(fileSize);
    if (good < fileSize) {
      ch.truncate(good);
      ch.force(true);
      log.truncatedOnOpen = fileSize - good;
    }
    return log;
  }

  private long scan(long fileSize) throws IOException {
    long pos = HEADER;
    ByteBuffer head = ByteBuffer.allocate(8);
    CRC32C crc = new CRC32C();
    while (pos + 8 <= fileSize) {
      head.clear();
      readFully(head, pos);
      int len = head.getInt(0);
      int sum = head.getInt(4);
      if (len < 0 || len > MAX_ENTRY || pos + 8 + len > fileSize) {
        break;
      }
      byte[] data = new byte[len];
      readFully(ByteBuffer.wrap(data), pos + 8);
      crc.reset();
      crc.update(data);
      if ((int) crc.getValue() != sum) {
        break;
      }
      remember(pos);
      tree.appendLeafHash(Rfc6962.leafHashBytes(data, 0, len));
      pos += 8 + len;
    }
    end = pos;
    return pos;
  }

  /** Bytes cut from a torn tail when the log was opened (0 for a clean file). */
  public long truncatedOnOpen() {
    return truncatedOnOpen;
  }

  public Path file() {
    return file;
  }

  private void remember(long offset) {
    int n = (int) tree.size();
    if (n == offsets.length) {
      offsets = Arrays.copyOf(offsets, n * 2);
    }
    offsets[n] = offset;
  }

  private void readFully(ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int r = channel.read(buf, pos + buf.position());
      if (r < 0) {
        throw new IOException("unexpected end of " + file);
      }
    }
  }

  /** Appends entries in order; returns the index of the first one. */
  public long append(List<byte[]> entries) throws IOException {
    lock.writeLock().lock();
    try {
      long first = tree.size();
      int total = 0;
      for (byte[] e : entries) {
        if (e.length > MAX_ENTRY) {
          throw new IllegalArgumentException("an entry is at most 65535 bytes");
        }
        total += 8 + e.length;
      }
      ByteBuffer buf = ByteBuffer.allocate(total);
      CRC32C crc = new CRC32C();
      for (byte[] e : entries) {
        crc.reset();
        crc.update(e);
        buf.putInt(e.length).putInt((int) crc.getValue()).put(e);
      }
      buf.flip();
      while (buf.hasRemaining()) {
        channel.write(buf, end + buf.position());
      }
      long pos = end;
      for (byte[] e : entries) {
        remember(pos);
        tree.appendLeafHash(Rfc6962.leafHashBytes(e, 0, e.length));
        pos += 8 + e.length;
      }
      end = pos;
      return first;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Forces appended entries to the disk. */
  public void sync() throws IOException {
    channel.force(false);
  }

  /** Cuts the log back to {@code size} entries (used to return to a snapshot's state). */
  public void truncate(long size) throws IOException {
    lock.writeLock().lock();
    try {
      if (size < 0 || size > tree.size()) {
        throw new IllegalArgumentException("cannot truncate to " + size);
      }
      if (size == tree.size()) {
        return;
      }
      long newEnd = offsets[(int) size];
      channel.truncate(newEnd);
      channel.force(true);
      tree.truncate(size);
      end = newEnd;
    } finally {
      lock.writeLock().unlock();
    }
  }

  public long size() {
    lock.readLock().lock();
    try {
      return tree.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  public TreeHead head() {
    lock.readLock().lock();
    try {
      return new TreeHead(tree.size(), tree.root(tree.size()));
    } finally {
      lock.readLock().unlock();
    }
  }

  public NodeHash root(long treeSize) {
    lock.readLock().lock();
    try {
      return tree.root(treeSize);
    } finally {
      lock.readLock().unlock();
    }
  }

  public byte[] entry(long index) throws IOException {
    long start;
    long stop;
    lock.readLock().lock();
    try {
      if (index < 0 || index >= tree.size()) {
        throw new IllegalArgumentException("no entry " + index);
      }
      start = offsets[(int) index];
      stop = index + 1 < tree.size() ? offsets[(int) index + 1] : end;
    } finally {
      lock.readLock().unlock();
    }
    ByteBuffer buf = ByteBuffer.allocate((int) (stop - start - 8));
    readFully(buf, start + 8);
    return buf.array();
  }

  public NodeHash leafHash(long index) {
    lock.readLock().lock();
    try {
      return new NodeHash(tree.subtree(0, index));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The hash of the aligned complete subtree of 2^level leaves at {@code index}. */
  public NodeHash subtreeHash(int level, long index) {
    lock.readLock().lock();
    try {
      return new NodeHash(tree.subtree(level, index));
    } finally {
      lock.readLock().unlock();
    }
  }

  public List<NodeHash> inclusionProof(long index, long treeSize) {
    lock.readLock().lock();
    try {
      return tree.inclusionProof(index, treeSize);
    } finally {
      lock.readLock().unlock();
    }
  }

  public List<NodeHash> consistencyProof(long oldSize, long newSize) {
    lock.readLock().lock();
    try {
      return tree.consistencyProof(oldSize, newSize);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Copies the first {@code size} entries' records (the file format after the magic). */
  public void copyRecordsTo(long size, FileChannel target) throws IOException {
    long stop;
    lock.readLock().lock();
    try {
      stop = size == tree.size() ? end : offsets[(int) size];
    } finally {
      lock.readLock().unlock();
    }
    long pos = HEADER;
    while (pos < stop) {
      pos += channel.transferTo(pos, stop - pos, target);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
