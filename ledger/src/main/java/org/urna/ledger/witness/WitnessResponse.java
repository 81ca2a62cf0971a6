package org.urna.ledger.witness;

import java.util.List;
import org.urna.ledger.note.NoteSignature;

/** The outcome of an add-checkpoint request, mapped one to one to tlog-witness HTTP answers. */
public sealed interface WitnessResponse {
  /** 200: the cosignature lines. */
  record Cosigned(List<NoteSignature> cosignatures) implements WitnessResponse {
    public String body() {
      StringBuilder sb = new StringBuilder();
      cosignatures.forEach(c -> sb.append(c.line()));
      return sb.toString();
    }
  }

  /** 409 with {@code text/x.tlog.size}: the old size is not the latest cosigned size. */
  record Conflict(long latestSize) implements WitnessResponse {}

  /** Any other refusal: the HTTP status and the reason in words. */
  record Refused(int status, String reason) implements WitnessResponse {}
}
