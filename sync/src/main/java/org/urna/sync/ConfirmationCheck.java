package org.urna.sync;

import java.util.Arrays;
import java.util.Optional;
import org.urna.ballotbox.outbox.OutboxEntry;
import org.urna.core.ballot.TrackingCode;
import org.urna.tlog.Checkpoint;
import org.urna.tlog.InclusionProof;
import org.urna.tlog.MerkleProofs;

/**
 * Does a tlog-proof prove that this outbox entry is in the checkpoint? The ledger's leaf is {@code
 * 0x01 || tracking code (32 bytes) || recorded ballot}, carried in the proof's extra line: it must
 * hold exactly the bytes the box stored and the tracking code the box computed, and its RFC 6962
 * leaf hash must lead, by the inclusion path, to the checkpoint's root.
 */
final class ConfirmationCheck {
  static final byte BALLOT_LEAF = 0x01;
  static final byte EVENT_LEAF = 0x02;

  private ConfirmationCheck() {}

  /** Empty when the proof holds that this station event is in the checkpoint; else why not. */
  static Optional<String> eventFailure(byte[] signedEvent, InclusionProof proof, Checkpoint cp) {
    Optional<byte[]> extra = proof.extra();
    if (extra.isEmpty()) {
      return Optional.of("the proof does not carry the ledger entry");
    }
    byte[] leaf = extra.get();
    if (leaf.length != 1 + signedEvent.length
        || leaf[0] != EVENT_LEAF
        || !Arrays.equals(leaf, 1, leaf.length, signedEvent, 0, signedEvent.length)) {
      return Optional.of("the ledger entry in the proof is not this station event");
    }
    if (!MerkleProofs.verifyInclusion(
        MerkleProofs.leafHash(leaf), proof.index(), cp.size(), proof.path(), cp.root())) {
      return Optional.of(
          "the inclusion proof of entry "
              + proof.index()
              + " does not lead to the root of checkpoint "
              + cp.size());
    }
    return Optional.empty();
  }

  /** Empty when the proof holds; otherwise why not. */
  static Optional<String> failure(OutboxEntry entry, InclusionProof proof, Checkpoint cp) {
    Optional<byte[]> extra = proof.extra();
    if (extra.isEmpty()) {
      return Optional.of("the proof does not carry the ledger entry");
    }
    byte[] leaf = extra.get();
    byte[] recorded = entry.recordedBytes();
    if (leaf.length != 1 + TrackingCode.BYTES + recorded.length || leaf[0] != BALLOT_LEAF) {
      return Optional.of("the ledger entry in the proof is not this ballot");
    }
    byte[] code = entry.recordedBallot().code().toBytes();
    if (!Arrays.equals(leaf, 1, 1 + TrackingCode.BYTES, code, 0, code.length)
        || !Arrays.equals(
            leaf, 1 + TrackingCode.BYTES, leaf.length, recorded, 0, recorded.length)) {
      return Optional.of("the ledger entry in the proof is not this ballot");
    }
    if (!MerkleProofs.verifyInclusion(
        MerkleProofs.leafHash(leaf), proof.index(), cp.size(), proof.path(), cp.root())) {
      return Optional.of(
          "the inclusion proof of entry "
              + proof.index()
              + " does not lead to the root of checkpoint "
              + cp.size());
    }
    return Optional.empty();
  }
}
