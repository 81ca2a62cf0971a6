package org.urna.ledger.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urna.ledger.Vectors;

class Rfc6962VectorsTest {
  static final Properties V = Vectors.properties("rfc6962.properties");
  @TempDir Path dir;
  MerkleLog log;

  @BeforeEach
  void fill() throws Exception {
    log = MerkleLog.open(dir.resolve("log"));
    List<byte[]> leaves = new ArrayList<>();
    for (String hex : V.getProperty("leaves").split(",", -1)) {
      leaves.add(HexFormat.of().parseHex(hex));
    }
    log.append(leaves);
  }

  static List<NodeHash> hashes(String key) {
    String v = V.getProperty(key);
    return v.isEmpty() ? List.of() : Arrays.stream(v.split(",")).map(NodeHash::fromHex).toList();
  }

  @Test
  void rootsOfEveryPrefixMatchTheReferenceTree() {
    for (int n = 0; n <= 8; n++) {
      assertThat(log.root(n).hex()).as("root of %d", n).isEqualTo(V.getProperty("root." + n));
    }
  }

  @Test
  void inclusionProofsAreByteForByteTheReferenceOnesAndVerify() {
    for (int[] c : new int[][] {{0, 8}, {5, 8}}) {
      List<NodeHash> want = hashes("inclusion." + c[0] + "." + c[1]);
      assertThat(log.inclusionProof(c[0], c[1])).isEqualTo(want);
      assertThat(
              ProofVerifier.verifyInclusion(log.leafHash(c[0]), c[0], c[1], want, log.root(c[1])))
          .isTrue();
      assertThat(
              ProofVerifier.verifyInclusion(
                  log.leafHash(c[0] + 1), c[0], c[1], want, log.root(c[1])))
          .isFalse();
    }
  }

  @Test
  void consistencyProofsAreByteForByteTheReferenceOnesAndVerify() {
    for (int[] c : new int[][] {{1, 1}, {1, 8}, {6, 8}, {2, 5}}) {
      List<NodeHash> want = hashes("consistency." + c[0] + "." + c[1]);
      assertThat(log.consistencyProof(c[0], c[1])).isEqualTo(want);
      assertThat(ProofVerifier.verifyConsistency(c[0], c[1], want, log.root(c[0]), log.root(c[1])))
          .isTrue();
      if (c[0] != c[1]) {
        assertThat(
                ProofVerifier.verifyConsistency(
                    c[0], c[1], want, log.root(c[0] + 1), log.root(c[1])))
            .isFalse();
      }
    }
  }
}
