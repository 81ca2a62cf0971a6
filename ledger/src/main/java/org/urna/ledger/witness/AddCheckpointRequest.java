package org.urna.ledger.witness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.urna.ledger.merkle.NodeHash;
import org.urna.ledger.note.NoteFormatException;
import org.urna.ledger.note.SignedNote;

/**
 * The body of a tlog-witness {@code add-checkpoint} request: {@code old <size>}, up to 63
 * consistency proof lines, a blank line, then the signed checkpoint.
 */
public record AddCheckpointRequest(long oldSize, List<NodeHash> proof, SignedNote checkpoint) {
  public static final int MAX_PROOF = 63;

  public AddCheckpointRequest {
    if (oldSize < 0) {
      throw new NoteFormatException("the old size is never negative");
    }
    proof = List.copyOf(proof);
    if (proof.size() > MAX_PROOF) {
      throw new NoteFormatException("at most 63 consistency proof lines");
    }
  }

  public String format() {
    StringBuilder sb = new StringBuilder("old ").append(oldSize).append('\n');
    proof.forEach(h -> sb.append(h.base64()).append('\n'));
    return sb.append('\n').append(checkpoint.format()).toString();
  }

  public static AddCheckpointRequest parse(byte[] body) {
    if (body.length > SignedNote.MAX_BYTES) {
      throw new NoteFormatException("request too large");
    }
    String s = new String(body, StandardCharsets.UTF_8);
    int blank = s.indexOf("\n\n");
    if (blank < 0) {
      throw new NoteFormatException(
          "an add-checkpoint body has a blank line before the checkpoint");
    }
    String[] lines = s.substring(0, blank).split("\n", -1);
    if (!lines[0].startsWith("old ")) {
      throw new NoteFormatException("an add-checkpoint body starts with 'old <size>'");
    }
    String n = lines[0].substring(4);
    if (!n.matches("0|[1-9][0-9]{0,18}")) {
      throw new NoteFormatException("the old size is a decimal without leading zeroes");
    }
    long old;
    try {
      old = Long.parseLong(n);
    } catch (NumberFormatException e) {
      throw new NoteFormatException("the old size is too large");
    }
    if (lines.length - 1 > MAX_PROOF) {
      throw new NoteFormatException("at most 63 consistency proof lines");
    }
    List<NodeHash> proof = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      try {
        proof.add(NodeHash.fromBase64(lines[i]));
      } catch (IllegalArgumentException e) {
        throw new NoteFormatException("a consistency proof line is not a base64 hash");
      }
    }
    return new AddCheckpointRequest(old, proof, SignedNote.parse(s.substring(blank + 2)));
  }
}
