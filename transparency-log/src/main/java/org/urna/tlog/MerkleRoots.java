package org.urna.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 / RFC 9162 Merkle tree hashes, appended leaf by leaf: the root at the current size at
 * any time, from the stack of complete subtrees (O(log n) memory). A reader that holds every entry
 * (the election record's verifier) recomputes each checkpoint's root with it instead of checking
 * proofs; leaf hashes come from {@link MerkleProofs#leafHash}.
 */
public final class MerkleRoots {
  private final List<byte[]> stack = new ArrayList<>();
  private final List<Integer> heights = new ArrayList<>();
  private long size;

  /** An empty tree. */
  public MerkleRoots() {}

  /**
   * The tree of {@code size} leaves whose complete subtrees, largest (leftmost) first, hash to
   * {@code frontier} (what {@link #frontier()} gave): one hash per bit set in {@code size}. A
   * reader that keeps only these can go on appending leaves and computing roots without the leaves
   * before.
   */
  public static MerkleRoots resume(long size, List<TreeHash> frontier) {
    if (size < 0 || frontier.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException(
          "a tree of "
              + size
              + " leaves has "
              + Long.bitCount(Math.max(0, size))
              + " complete subtrees, not "
              + frontier.size());
    }
    MerkleRoots r = new MerkleRoots();
    int i = 0;
    for (int height = 63; height >= 0; height--) {
      if ((size >>> height & 1) == 1) {
        r.stack.add(frontier.get(i++).raw());
        r.heights.add(height);
      }
    }
    r.size = size;
    return r;
  }

  /** The hashes of the complete subtrees of the leaves so far, largest (leftmost) first. */
  public List<TreeHash> frontier() {
    List<TreeHash> out = new ArrayList<>(stack.size());
    stack.forEach(h -> out.add(TreeHash.of(h)));
    return out;
  }

  public void addLeafHash(TreeHash leafHash) {
    byte[] h = leafHash.raw();
    int height = 0;
    while (!heights.isEmpty() && heights.getLast() == height) {
      h = MerkleProofs.node(stack.removeLast(), h);
      heights.removeLast();
      height++;
    }
    stack.add(h);
    heights.add(height);
    size++;
  }

  public long size() {
    return size;
  }

  /** The tree hash of the leaves added so far (SHA-256 of nothing for the empty tree). */
  public TreeHash root() {
    if (stack.isEmpty()) {
      try {
        return TreeHash.of(MessageDigest.getInstance("SHA-256").digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JDK", e);
      }
    }
    byte[] h = stack.getLast();
    for (int i = stack.size() - 2; i >= 0; i--) {
      h = MerkleProofs.node(stack.get(i), h);
    }
    return TreeHash.of(h);
  }
}
