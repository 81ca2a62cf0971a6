package org.urna.core.ballot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.urna.core.crypto.Signature;

/** The batch statement covers every byte, the order and the boundaries of the ballots. */
class BatchStatementTest {
  final TestElection e = new TestElection();
  final byte[] q = e.key.extendedHash();

  List<byte[]> batch() {
    Random r = new Random(5);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] b = new byte[40 + i];
      r.nextBytes(b);
      out.add(b);
    }
    return out;
  }

  @Test
  void aChangedByteAnywhereOrderOrBoundaryBreaksTheSignature() {
    List<byte[]> batch = batch();
    Signature sig = BatchStatement.sign(e.stationKey, q, "s1", batch);
    assertThat(BatchStatement.signedBy(e.stationKey.publicKey(), q, "s1", batch, sig)).isTrue();
    for (int i = 0; i < batch.size(); i++) {
      for (int at = 0; at < batch.get(i).length; at++) {
        List<byte[]> changed = new ArrayList<>(batch);
        byte[] b = batch.get(i).clone();
        b[at] ^= 0x01;
        changed.set(i, b);
        assertThat(BatchStatement.signedBy(e.stationKey.publicKey(), q, "s1", changed, sig))
            .as("ballot %d byte %d", i, at)
            .isFalse();
      }
    }
    List<byte[]> swapped = new ArrayList<>(List.of(batch.get(1), batch.get(0), batch.get(2)));
    assertThat(BatchStatement.signedBy(e.stationKey.publicKey(), q, "s1", swapped, sig)).isFalse();
    assertThat(BatchStatement.signedBy(e.stationKey.publicKey(), q, "s1", batch.subList(0, 2), sig))
        .isFalse();
    // the same bytes cut at another place between two ballots
    byte[] a = batch.get(0);
    byte[] b = batch.get(1);
    byte[] a2 = java.util.Arrays.copyOf(a, a.length + 1);
    a2[a.length] = b[0];
    byte[] b2 = java.util.Arrays.copyOfRange(b, 1, b.length);
    assertThat(
            BatchStatement.signedBy(
                e.stationKey.publicKey(), q, "s1", List.of(a2, b2, batch.get(2)), sig))
        .isFalse();
    // another station, another election, another key
    assertThat(BatchStatement.signedBy(e.stationKey.publicKey(), q, "s2", batch, sig)).isFalse();
    assertThat(BatchStatement.signedBy(e.stationKey.publicKey(), new byte[32], "s1", batch, sig))
        .isFalse();
    assertThat(BatchStatement.signedBy(e.otherStationKey.publicKey(), q, "s1", batch, sig))
        .isFalse();
  }

  @Test
  void aBatchStatementIsNeverABallotSignature() {
    // one ballot's tracking code signed as a batch of its 32 bytes does not verify as a ballot
    TrackingCode code = TrackingCode.seed(q, "s1");
    Signature sig = BatchStatement.sign(e.stationKey, q, "s1", List.of(code.toBytes()));
    assertThat(
            e.stationKey.publicKey().verifies(RecordedBallot.signatureMessage(q, "s1", code), sig))
        .isFalse();
  }
}
