package org.urna.ledger.replication;

import java.util.List;

/**
 * Decides, deterministically, on every ballot of a replicated log entry. All honest validators must
 * reach the same verdicts from the same state and the same bytes: no clock, no randomness.
 */
public interface EntryValidator {
  /**
   * One verdict per submission, in order; accepted leaves are appended in that order. {@code
   * batchSignature} is the station's signature over the whole batch (a SUBMIT_SIGNED entry), empty
   * for an unsigned batch.
   */
  Decision decide(
      List<byte[]> submissions, java.util.Optional<byte[]> batchSignature, LedgerView view);

  /**
   * Station lifecycle events (a SUBMIT_EVENTS entry, docs/spec/ledger.md "Station events"): one
   * verdict per event, in order. A validator without an election's rules refuses them.
   */
  default Decision decideEvents(List<byte[]> events, LedgerView view) {
    return new Decision(
        java.util.Collections.nCopies(
            events.size(), new Verdict.Rejected("", "this validator does not take station events")),
        List.of());
  }

  /** An unsigned batch. */
  default Decision decide(List<byte[]> submissions, LedgerView view) {
    return decide(submissions, java.util.Optional.empty(), view);
  }

  /** The verdicts and the leaves to append (one per new acceptance, in order). */
  record Decision(List<Verdict> verdicts, List<Leaf> leaves) {}

  /**
   * A leaf to append: its bytes, ballot id, station and tracking code; for a station's event
   * ({@link LedgerLeaf#EVENT}) the event's sequence number as id and no tracking code.
   */
  record Leaf(byte[] bytes, String ballotId, String stationId, byte[] trackingCode) {}
}
