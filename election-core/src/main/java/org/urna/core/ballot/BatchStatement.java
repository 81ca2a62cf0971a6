package org.urna.core.ballot;

import java.util.List;
import org.urna.core.crypto.Hash;
import org.urna.core.crypto.Signature;
import org.urna.core.crypto.SigningKey;
import org.urna.core.crypto.VerifyingKey;

/**
 * The statement a station signs over a batch of its recorded ballots when it uploads them to the
 * ledger (docs/spec/ledger.md, "Signed batches"): {@code H("ballot-batch", Q, station, n, b_1, ...,
 * b_n)} over every byte of every recorded ballot {@code b_i} as sent, its own signature included.
 * One Ed25519 verification of this statement vouches for every byte of the batch, where a ballot's
 * own signature (on its tracking code) covers neither its own signature bytes nor those of earlier
 * ballots in the chain.
 */
public final class BatchStatement {
  private BatchStatement() {}

  /** The message the station signs. */
  public static byte[] message(byte[] extendedHash, String stationId, List<byte[]> recorded) {
    Hash h =
        Hash.tagged("ballot-batch").part(extendedHash).part(stationId).part((long) recorded.size());
    for (byte[] b : recorded) {
      h.part(b);
    }
    return h.digest();
  }

  public static Signature sign(
      SigningKey stationKey, byte[] extendedHash, String stationId, List<byte[]> recorded) {
    return stationKey.sign(message(extendedHash, stationId, recorded));
  }

  public static boolean signedBy(
      VerifyingKey stationKey,
      byte[] extendedHash,
      String stationId,
      List<byte[]> recorded,
      Signature signature) {
    return stationKey.verifies(message(extendedHash, stationId, recorded), signature);
  }
}
