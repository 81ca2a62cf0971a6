package org.urna.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ProofPropertiesTest {
  static HashTree tree(int n) {
    HashTree t = new HashTree();
    for (int i = 0; i < n; i++) {
      t.appendLeafHash(Rfc6962.leafHash(new byte[] {(byte) i, (byte) (i >> 8)}).bytes());
    }
    return t;
  }

  /** MTH straight from RFC 6962's recursive definition, with no stored subtrees. */
  static NodeHash reference(List<NodeHash> leaves) {
    if (leaves.size() == 1) {
      return leaves.getFirst();
    }
    int k = (int) Rfc6962.split(leaves.size());
    return Rfc6962.nodeHash(
        reference(leaves.subList(0, k)), reference(leaves.subList(k, leaves.size())));
  }

  @Property(tries = 200)
  void rootsMatchTheRecursiveDefinition(@ForAll @IntRange(min = 1, max = 700) int n) {
    HashTree t = tree(n);
    List<NodeHash> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(new NodeHash(t.subtree(0, i)));
    }
    assertThat(t.root(n)).isEqualTo(reference(leaves));
  }

  @Property(tries = 300)
  void inclusionProofsVerifyAndATamperedOneFails(
      @ForAll @IntRange(min = 1, max = 600) int size, @ForAll @IntRange(min = 0, max = 599) int i) {
    int index = i % size;
    HashTree t = tree(size);
    List<NodeHash> proof = t.inclusionProof(index, size);
    NodeHash leaf = new NodeHash(t.subtree(0, index));
    assertThat(ProofVerifier.verifyInclusion(leaf, index, size, proof, t.root(size))).isTrue();
    if (!proof.isEmpty()) {
      List<NodeHash> bad = new ArrayList<>(proof);
      byte[] b = bad.getFirst().bytes();
      b[0] ^= 1;
      bad.set(0, new NodeHash(b));
      assertThat(ProofVerifier.verifyInclusion(leaf, index, size, bad, t.root(size))).isFalse();
    }
    if (size > 1) {
      int other = (index ^ 1) < size ? (index ^ 1) : index - 1;
      assertThat(ProofVerifier.verifyInclusion(leaf, other, size, proof, t.root(size))).isFalse();
    }
  }

  @Property(tries = 300)
  void consistencyProofsVerifyAndAForkFails(
      @ForAll @IntRange(min = 1, max = 600) int newSize,
      @ForAll @IntRange(min = 1, max = 600) int o) {
    int oldSize = 1 + (o - 1) % newSize;
    HashTree t = tree(newSize);
    List<NodeHash> proof = t.consistencyProof(oldSize, newSize);
    assertThat(
            ProofVerifier.verifyConsistency(
                oldSize, newSize, proof, t.root(oldSize), t.root(newSize)))
        .isTrue();
    HashTree fork = tree(newSize);
    fork.truncate(oldSize - 1);
    fork.appendLeafHash(Rfc6962.leafHash(new byte[] {42, 42, 42}).bytes());
    assertThat(
            ProofVerifier.verifyConsistency(
                oldSize, newSize, proof, fork.root(oldSize), t.root(newSize)))
        .isFalse();
  }
}
