package org.urna.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.urna.tally.record.ElectionRecordVerifier;
import org.urna.tally.record.RecordFiles;
import org.urna.tally.record.RecordReport;
import org.urna.tally.record.RecordStep;

/**
 * A record of 1,100 ballots checked on two threads: five chunks, each with its own linear
 * combination and its own part of the V11 sums (decision 0409).
 */
class RecordManyChunksTest {
  @Test
  void aRecordOfManyChunksVerifiesAndABallotDeepInsideIsNamed() throws Exception {
    RecordGenerator.Generated g =
        RecordGenerator.generate("chunks", RecordGenerator.referendumVotes(1100), 500);
    RecordReport good = new ElectionRecordVerifier(g.files(), Optional.empty(), 2).verify();
    assertThat(good.failures()).isEmpty();
    assertThat(good.holds()).isTrue();

    // Change one byte in the middle of entry 1,000's ballot, inside its entry bundle.
    byte[] leaf = g.leaves().get(1000);
    String bundleName = null;
    int at = -1;
    for (Map.Entry<String, byte[]> e : g.files().all().entrySet()) {
      int i = indexOf(e.getValue(), leaf);
      if (i >= 0) {
        bundleName = e.getKey();
        at = i;
        break;
      }
    }
    assertThat(bundleName).isNotNull();
    // Bytes of points fail V1 (not on the curve); a byte of a proof's scalar fails V5 or V6.
    // Walk from the middle of the ballot until a proof fails, each change checked on its own.
    boolean proofFailed = false;
    for (int k = 0; k < 40 && !proofFailed; k++) {
      Map<String, byte[]> copy = new TreeMap<>(g.files().all());
      byte[] changed = copy.get(bundleName).clone();
      changed[at + leaf.length / 2 + 11 * k] ^= 0x01;
      copy.put(bundleName, changed);
      RecordReport bad =
          new ElectionRecordVerifier(new RecordFiles(copy), Optional.empty(), 2).verify();
      assertThat(bad.holds()).isFalse();
      assertThat(bad.failures())
          .filteredOn(f -> f.step().name().startsWith("V") && f.step() != RecordStep.V11)
          .isNotEmpty()
          .allSatisfy(
              f ->
                  assertThat(f.item())
                      .matches(f.step() == RecordStep.V7 ? "entry 1002 .*" : "entry 1000( .*)?"));
      proofFailed =
          bad.failures().stream()
              .anyMatch(
                  f ->
                      (f.step() == RecordStep.V5 || f.step() == RecordStep.V6)
                          && f.item().startsWith("entry 1000 "));
    }
    assertThat(proofFailed).as("a changed proof scalar is named (V5 or V6)").isTrue();
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
