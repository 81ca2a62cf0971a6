package org.urna.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 6962 hashing and the RFC 9162 proof verification algorithms (sections 2.1.3.2 and 2.1.4.2),
 * written step by step with the RFC's variable names. A proof that does not verify gives {@code
 * false}; nothing here throws on hostile input.
 */
public final class MerkleProofs {
  /** RFC 9162 allows at most 64 hashes: no tree is deeper. */
  public static final int MAX_PROOF = 64;

  private MerkleProofs() {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** MTH({d}) = SHA-256(0x00 || d). */
  public static TreeHash leafHash(byte[] entry) {
    MessageDigest md = sha256();
    md.update((byte) 0x00);
    md.update(entry);
    return TreeHash.of(md.digest());
  }

  /** SHA-256(0x01 || left || right). */
  static byte[] node(byte[] left, byte[] right) {
    MessageDigest md = sha256();
    md.update((byte) 0x01);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /** RFC 9162 2.1.3.2: is {@code leaf} entry {@code leafIndex} of the tree {@code (size, root)}? */
  public static boolean verifyInclusion(
      TreeHash leaf, long leafIndex, long treeSize, List<TreeHash> inclusionPath, TreeHash root) {
    // 1. Compare leaf_index against tree_size; fail if leaf_index >= tree_size.
    if (leafIndex < 0 || treeSize <= 0 || leafIndex >= treeSize) {
      return false;
    }
    if (inclusionPath.size() > MAX_PROOF) {
      return false;
    }
    // 2. fn = leaf_index, sn = tree_size - 1.
    long fn = leafIndex;
    long sn = treeSize - 1;
    // 3. r = hash.
    byte[] r = leaf.raw();
    // 4. For each value p in the inclusion_path array:
    for (TreeHash p : inclusionPath) {
      // a. If sn is 0, stop the iteration and fail the proof verification.
      if (sn == 0) {
        return false;
      }
      // b. If LSB(fn) is set, or if fn is equal to sn, then:
      if ((fn & 1) == 1 || fn == sn) {
        // i. r = HASH(0x01 || p || r).
        r = node(p.raw(), r);
        // ii. If LSB(fn) is not set, right-shift fn and sn until LSB(fn) is set or fn is 0.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        // Otherwise: r = HASH(0x01 || r || p).
        r = node(r, p.raw());
      }
      // c. Finally, right-shift both fn and sn one time.
      fn >>>= 1;
      sn >>>= 1;
    }
    // 5. Compare sn to 0 and r against the root_hash; success only if both are equal.
    return sn == 0 && Arrays.equals(r, root.raw());
  }

  /** RFC 9162 2.1.4.2: is the tree {@code (firstSize, firstRoot)} a prefix of the second? */
  public static boolean verifyConsistency(
      long firstSize,
      long secondSize,
      List<TreeHash> consistencyPath,
      TreeHash firstRoot,
      TreeHash secondRoot) {
    if (firstSize < 0 || firstSize > secondSize || consistencyPath.size() > MAX_PROOF) {
      return false;
    }
    if (firstSize == secondSize) {
      return consistencyPath.isEmpty() && firstRoot.equals(secondRoot);
    }
    if (firstSize == 0) {
      // The empty tree is a prefix of every tree; the proof is empty.
      return consistencyPath.isEmpty();
    }
    // 1. If consistency_path is an empty array, stop and fail the proof verification.
    if (consistencyPath.isEmpty()) {
      return false;
    }
    // 2. If first is an exact power of 2, prepend first_hash to the consistency_path array.
    List<TreeHash> path = consistencyPath;
    if (Long.bitCount(firstSize) == 1) {
      path = new java.util.ArrayList<>(consistencyPath);
      path.addFirst(firstRoot);
    }
    // 3. fn = first - 1, sn = second - 1.
    long fn = firstSize - 1;
    long sn = secondSize - 1;
    // 4. If LSB(fn) is set, right-shift both fn and sn until LSB(fn) is not set.
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    // 5. fr = sr = the first value in the consistency_path array.
    byte[] fr = path.getFirst().raw();
    byte[] sr = fr;
    // 6. For each subsequent value c in the consistency_path array:
    for (TreeHash c : path.subList(1, path.size())) {
      // a. If sn is 0, then stop the iteration and fail the proof verification.
      if (sn == 0) {
        return false;
      }
      // b. If LSB(fn) is set, or if fn is equal to sn, then:
      if ((fn & 1) == 1 || fn == sn) {
        // i. fr = HASH(0x01 || c || fr), sr = HASH(0x01 || c || sr).
        fr = node(c.raw(), fr);
        sr = node(c.raw(), sr);
        // ii. If LSB(fn) is not set, right-shift fn and sn until either LSB(fn) is set or fn is 0.
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        // Otherwise: sr = HASH(0x01 || sr || c).
        sr = node(sr, c.raw());
      }
      // c. Finally, right-shift both fn and sn one time.
      fn >>>= 1;
      sn >>>= 1;
    }
    // 7. Compare fr to first_hash and sr to second_hash, and sn to 0.
    return Arrays.equals(fr, firstRoot.raw()) && Arrays.equals(sr, secondRoot.raw()) && sn == 0;
  }
}
