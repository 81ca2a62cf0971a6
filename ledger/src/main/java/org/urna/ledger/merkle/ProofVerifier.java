package org.urna.ledger.merkle;

import java.util.Arrays;
import java.util.List;

/**
 * Verification of inclusion and consistency proofs, following RFC 9162 sections 2.1.3.2 and 2.1.4.2
 * step by step. Returns false for any proof that does not verify; never throws on bad proofs.
 */
public final class ProofVerifier {
  private ProofVerifier() {}

  /** RFC 9162 2.1.3.2: verifies that {@code leafHash} is entry {@code index} of the tree. */
  public static boolean verifyInclusion(
      NodeHash leafHash, long index, long treeSize, List<NodeHash> proof, NodeHash root) {
    byte[] computed = rootFromInclusion(leafHash, index, treeSize, proof);
    return computed != null && Arrays.equals(computed, root.bytes());
  }

  private static byte[] rootFromInclusion(
      NodeHash leafHash, long index, long treeSize, List<NodeHash> proof) {
    if (index < 0 || treeSize <= 0 || index >= treeSize || proof.size() > 64) {
      return null;
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash.bytes();
    for (NodeHash p : proof) {
      if (sn == 0) {
        return null;
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHashBytes(p.bytes(), r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        r = Rfc6962.nodeHashBytes(r, p.bytes());
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return sn == 0 ? r : null;
  }

  /** RFC 9162 2.1.4.2: verifies that the tree of {@code oldSize} is a prefix of the new one. */
  public static boolean verifyConsistency(
      long oldSize, long newSize, List<NodeHash> proof, NodeHash oldRoot, NodeHash newRoot) {
    if (oldSize < 0 || oldSize > newSize || proof.size() > 64) {
      return false;
    }
    if (oldSize == newSize) {
      return proof.isEmpty() && oldRoot.equals(newRoot);
    }
    if (oldSize == 0) {
      return proof.isEmpty();
    }
    if (proof.isEmpty()) {
      return false;
    }
    byte[][] path;
    if (Long.bitCount(oldSize) == 1) {
      path = new byte[proof.size() + 1][];
      path[0] = oldRoot.bytes();
      for (int i = 0; i < proof.size(); i++) {
        path[i + 1] = proof.get(i).bytes();
      }
    } else {
      path = new byte[proof.size()][];
      for (int i = 0; i < proof.size(); i++) {
        path[i] = proof.get(i).bytes();
      }
    }
    long fn = oldSize - 1;
    long sn = newSize - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = path[0];
    byte[] sr = path[0];
    for (int i = 1; i < path.length; i++) {
      byte[] c = path[i];
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Rfc6962.nodeHashBytes(c, fr);
        sr = Rfc6962.nodeHashBytes(c, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>>= 1;
            sn >>>= 1;
          }
        }
      } else {
        sr = Rfc6962.nodeHashBytes(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    return Arrays.equals(fr, oldRoot.bytes()) && Arrays.equals(sr, newRoot.bytes()) && sn == 0;
  }
}
