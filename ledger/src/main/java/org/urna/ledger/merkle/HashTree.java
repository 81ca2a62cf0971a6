package org.urna.ledger.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The complete subtrees of an append-only RFC 6962 tree: level k holds the hashes of the aligned
 * subtrees of 2^k leaves. Roots and proofs for any earlier tree size follow from these (RFC 6962
 * section 2.1). Not thread-safe: {@link MerkleLog} guards it.
 */
final class HashTree {
  private final List<HashColumn> levels = new ArrayList<>();

  HashTree() {
    levels.add(new HashColumn());
  }

  long size() {
    return levels.getFirst().size();
  }

  void appendLeafHash(byte[] leafHash) {
    byte[] current = leafHash;
    int level = 0;
    while (true) {
      HashColumn column = levels.get(level);
      column.add(current);
      long index = column.size() - 1;
      if ((index & 1) == 0) {
        return;
      }
      current = Rfc6962.nodeHashBytes(column.get(index - 1), current);
      level++;
      if (levels.size() == level) {
        levels.add(new HashColumn());
      }
    }
  }

  void truncate(long size) {
    for (int level = 0; level < levels.size(); level++) {
      levels.get(level).truncate(size >>> level);
    }
  }

  /** The hash of the aligned complete subtree at {@code level}, {@code index}; it must exist. */
  byte[] subtree(int level, long index) {
    return levels.get(level).get(index);
  }

  /** MTH(D[lo:hi]) for 0 <= lo < hi <= size. */
  byte[] mth(long lo, long hi) {
    long n = hi - lo;
    if (Long.bitCount(n) == 1 && (lo & (n - 1)) == 0) {
      return subtree(Long.numberOfTrailingZeros(n), lo >>> Long.numberOfTrailingZeros(n));
    }
    long k = Rfc6962.split(n);
    return Rfc6962.nodeHashBytes(mth(lo, lo + k), mth(lo + k, hi));
  }

  NodeHash root(long treeSize) {
    checkSize(treeSize);
    return treeSize == 0 ? Rfc6962.emptyRoot() : new NodeHash(mth(0, treeSize));
  }

  /** RFC 6962 PATH(m, D[0:n]). */
  List<NodeHash> inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException("entry " + index + " is not in a tree of " + treeSize);
    }
    List<NodeHash> proof = new ArrayList<>();
    path(index, 0, treeSize, proof);
    return proof;
  }

  private void path(long m, long lo, long hi, List<NodeHash> out) {
    long n = hi - lo;
    if (n == 1) {
      return;
    }
    long k = Rfc6962.split(n);
    if (m - lo < k) {
      path(m, lo, lo + k, out);
      out.add(new NodeHash(mth(lo + k, hi)));
    } else {
      path(m, lo + k, hi, out);
      out.add(new NodeHash(mth(lo, lo + k)));
    }
  }

  /** RFC 6962 PROOF(m, D[0:n]); empty when m is 0 or m equals n. */
  List<NodeHash> consistencyProof(long oldSize, long newSize) {
    checkSize(newSize);
    if (oldSize < 0 || oldSize > newSize) {
      throw new IllegalArgumentException("old size " + oldSize + " exceeds new size " + newSize);
    }
    List<NodeHash> proof = new ArrayList<>();
    if (oldSize > 0 && oldSize < newSize) {
      subproof(oldSize, 0, newSize, true, proof);
    }
    return proof;
  }

  private void subproof(long m, long lo, long hi, boolean whole, List<NodeHash> out) {
    long n = hi - lo;
    if (m == n) {
      if (!whole) {
        out.add(new NodeHash(mth(lo, hi)));
      }
      return;
    }
    long k = Rfc6962.split(n);
    if (m <= k) {
      subproof(m, lo, lo + k, whole, out);
      out.add(new NodeHash(mth(lo + k, hi)));
    } else {
      subproof(m - k, lo + k, hi, false, out);
      out.add(new NodeHash(mth(lo, lo + k)));
    }
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size()) {
      throw new IllegalArgumentException("tree size " + treeSize + " beyond the log's " + size());
    }
  }
}
