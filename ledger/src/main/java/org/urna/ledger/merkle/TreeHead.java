package org.urna.ledger.merkle;

/** A tree size and the root hash of the log at that size. */
public record TreeHead(long size, NodeHash root) {
  public TreeHead {
    if (size < 0) {
      throw new IllegalArgumentException("a tree size is never negative");
    }
    if (root == null) {
      throw new IllegalArgumentException("a tree head needs a root hash");
    }
  }
}
