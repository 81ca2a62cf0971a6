package org.urna.ledger.replication;

import java.util.Arrays;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;

/**
 * A leaf of the ledger's Merkle log: {@code 0x01 || tracking code (32) || recorded ballot}. The
 * validators compute the tracking code themselves before appending, so the page can show a voter
 * the code inside the very bytes whose inclusion it verifies.
 */
public final class LedgerLeaf {
  public static final byte BALLOT = 0x01;

  /** The bytes a leaf adds to its recorded ballot: the type byte and the tracking code. */
  public static final int OVERHEAD = 1 + TrackingCode.BYTES;

  private LedgerLeaf() {}

  public static byte[] encode(TrackingCode code, byte[] recordedBallot) {
    byte[] out = new byte[1 + TrackingCode.BYTES + recordedBallot.length];
    out[0] = BALLOT;
    System.arraycopy(code.toBytes(), 0, out, 1, TrackingCode.BYTES);
    System.arraycopy(recordedBallot, 0, out, 1 + TrackingCode.BYTES, recordedBallot.length);
    return out;
  }

  public static TrackingCode code(byte[] leaf) {
    return TrackingCode.of(Arrays.copyOfRange(leaf, 1, 1 + TrackingCode.BYTES));
  }

  public static byte[] recordedBytes(byte[] leaf) {
    return Arrays.copyOfRange(leaf, 1 + TrackingCode.BYTES, leaf.length);
  }

  public static RecordedBallot ballot(byte[] leaf) {
    return RecordedBallot.decode(recordedBytes(leaf));
  }
}
