package org.urna.tally.record.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 / RFC 9162 Merkle tree hashes, appended leaf by leaf: the root at the current size at
 * any time, from the stack of complete subtrees (O(log n) memory).
 */
public final class MerkleRoots {
  private final List<byte[]> stack = new ArrayList<>();
  private final List<Integer> heights = new ArrayList<>();
  private long size;
  private final MessageDigest sha;

  public MerkleRoots() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code SHA-256(0x00 || entry)}. */
  public static byte[] leafHash(byte[] entry) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update((byte) 0);
      md.update(entry);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private byte[] node(byte[] left, byte[] right) {
    sha.update((byte) 1);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  public void addLeafHash(byte[] leafHash) {
    byte[] h = leafHash;
    int height = 0;
    while (!heights.isEmpty() && heights.getLast() == height) {
      h = node(stack.removeLast(), h);
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
  public byte[] root() {
    if (stack.isEmpty()) {
      sha.reset();
      return sha.digest();
    }
    byte[] h = stack.getLast();
    for (int i = stack.size() - 2; i >= 0; i--) {
      h = node(stack.get(i), h);
    }
    return h;
  }
}
