package org.urna.ledger.proof;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.urna.ledger.merkle.NodeHash;
import org.urna.ledger.note.NoteFormatException;
import org.urna.ledger.note.SignedNote;

/**
 * A C2SP tlog-proof file ({@code c2sp.org/tlog-proof@v1}): optional extra data, the entry's index,
 * its inclusion proof, a blank line and the (cosigned) checkpoint verbatim. This ledger puts the
 * entry itself in the extra line so that a verifier can rebuild the leaf hash.
 */
public record TlogProof(
    Optional<byte[]> extra, long index, List<NodeHash> path, SignedNote checkpoint) {
  public static final String HEADER = "c2sp.org/tlog-proof@v1";

  public TlogProof {
    if (index < 0) {
      throw new NoteFormatException("an entry index is never negative");
    }
    extra = extra.map(byte[]::clone);
    path = List.copyOf(path);
    if (path.size() > 63) {
      throw new NoteFormatException("an inclusion proof has at most 63 hashes");
    }
  }

  public String format() {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    extra.ifPresent(
        e -> sb.append("extra ").append(Base64.getEncoder().encodeToString(e)).append('\n'));
    sb.append("index ").append(index).append('\n');
    path.forEach(h -> sb.append(h.base64()).append('\n'));
    sb.append('\n').append(checkpoint.format());
    return sb.toString();
  }

  public static TlogProof parse(String text) {
    if (text == null || text.length() > SignedNote.MAX_BYTES) {
      throw new NoteFormatException("no proof, or a proof too large");
    }
    int blank = text.indexOf("\n\n");
    if (blank < 0) {
      throw new NoteFormatException("a proof has a blank line before its checkpoint");
    }
    String[] lines = text.substring(0, blank).split("\n", -1);
    if (!lines[0].equals(HEADER)) {
      throw new NoteFormatException("a proof starts with " + HEADER);
    }
    int i = 1;
    Optional<byte[]> extra = Optional.empty();
    if (i < lines.length && lines[i].startsWith("extra ")) {
      try {
        extra = Optional.of(Base64.getDecoder().decode(lines[i].substring(6)));
      } catch (IllegalArgumentException e) {
        throw new NoteFormatException("the extra line is not base64");
      }
      i++;
    }
    if (i >= lines.length || !lines[i].startsWith("index ")) {
      throw new NoteFormatException("a proof has an index line");
    }
    String idx = lines[i].substring(6);
    if (!idx.matches("0|[1-9][0-9]{0,18}")) {
      throw new NoteFormatException("an index is a decimal without leading zeroes");
    }
    long index;
    try {
      index = Long.parseLong(idx);
    } catch (NumberFormatException e) {
      throw new NoteFormatException("an index is too large");
    }
    i++;
    List<NodeHash> path = new ArrayList<>();
    for (; i < lines.length; i++) {
      try {
        path.add(NodeHash.fromBase64(lines[i]));
      } catch (IllegalArgumentException e) {
        throw new NoteFormatException("a proof line is not a base64 hash");
      }
      if (path.size() > 63) {
        throw new NoteFormatException("an inclusion proof has at most 63 hashes");
      }
    }
    return new TlogProof(extra, index, path, SignedNote.parse(text.substring(blank + 2)));
  }
}
