package org.urna.ballotbox.outbox;

import java.util.List;
import org.urna.core.ballot.BallotId;

/**
 * The ledger's proof that a ballot is entry {@code leafIndex} of a checkpoint's tree: the RFC 6962
 * inclusion path (each hash 32 bytes, at most 63), as sync received and checked it.
 */
public record Inclusion(BallotId ballotId, long leafIndex, List<byte[]> path) {
  public Inclusion {
    if (ballotId == null || leafIndex < 0 || path == null || path.size() > 63) {
      throw new IllegalArgumentException("an inclusion has a ballot, an index and <= 63 hashes");
    }
    path = path.stream().map(byte[]::clone).toList();
    for (byte[] h : path) {
      if (h.length != 32) {
        throw new IllegalArgumentException("an inclusion path holds 32-byte hashes");
      }
    }
  }

  @Override
  public List<byte[]> path() {
    return path.stream().map(byte[]::clone).toList();
  }
}
