package org.urna.ledger.replication;

import java.util.Arrays;
import org.urna.core.ballot.RecordedBallot;
import org.urna.core.ballot.TrackingCode;

/**
 * A leaf of the ledger's Merkle log: a ballot, {@code 0x01 || tracking code (32) || recorded
 * ballot}, or a station's lifecycle event, {@code 0x02 || signed event} (election-core {@link
 * org.urna.core.station.StationLifecycleEvent}). The validators compute the tracking code
 * themselves before appending, so the page can show a voter the code inside the very bytes whose
 * inclusion it verifies.
 */
public final class LedgerLeaf {
  public static final byte BALLOT = 0x01;

  /** The type byte of a station's lifecycle event (docs/spec/ledger.md, "Station events"). */
  public static final byte EVENT = 0x02;

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

  /** The leaf of a station's lifecycle event: {@code 0x02 || signed event}. */
  public static byte[] encodeEvent(byte[] signedEvent) {
    byte[] out = new byte[1 + signedEvent.length];
    out[0] = EVENT;
    System.arraycopy(signedEvent, 0, out, 1, signedEvent.length);
    return out;
  }

  public static boolean isEvent(byte[] leaf) {
    return leaf.length > 0 && leaf[0] == EVENT;
  }

  /** The signed event's bytes inside an event leaf. */
  public static byte[] eventBytes(byte[] leaf) {
    return Arrays.copyOfRange(leaf, 1, leaf.length);
  }

  /** The signed event inside an event leaf. */
  public static org.urna.core.station.StationLifecycleEvent event(byte[] leaf) {
    return org.urna.core.station.StationLifecycleEvent.decode(
        Arrays.copyOfRange(leaf, 1, leaf.length));
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
