package org.urna.tlog;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A C2SP tlog-proof file ({@code c2sp.org/tlog-proof@v1}): an optional {@code extra} line (the
 * ledger puts the whole leaf there), the entry's index, its inclusion path, a blank line and the
 * cosigned checkpoint.
 */
public record InclusionProof(
    Optional<byte[]> extra, long index, List<TreeHash> path, SignedNote checkpoint) {
  public static final String HEADER = "c2sp.org/tlog-proof@v1";

  public InclusionProof {
    if (index < 0) {
      throw new LedgerFormatException("an entry index is never negative");
    }
    extra = extra.map(byte[]::clone);
    path = List.copyOf(path);
    if (path.size() > 63) {
      throw new LedgerFormatException("an inclusion proof has at most 63 hashes");
    }
  }

  @Override
  public Optional<byte[]> extra() {
    return extra.map(byte[]::clone);
  }

  public static InclusionProof parse(String text) {
    if (text == null || text.length() > SignedNote.MAX_BYTES) {
      throw new LedgerFormatException("no proof, or a proof larger than 1 MiB");
    }
    int blank = text.indexOf("\n\n");
    if (blank < 0) {
      throw new LedgerFormatException("a proof has a blank line before its checkpoint");
    }
    String[] lines = text.substring(0, blank).split("\n", -1);
    if (!lines[0].equals(HEADER)) {
      throw new LedgerFormatException("a proof starts with " + HEADER);
    }
    int i = 1;
    Optional<byte[]> extra = Optional.empty();
    if (i < lines.length && lines[i].startsWith("extra ")) {
      try {
        extra = Optional.of(Base64.getDecoder().decode(lines[i].substring(6)));
      } catch (IllegalArgumentException e) {
        throw new LedgerFormatException("a proof's extra line is not base64");
      }
      i++;
    }
    if (i >= lines.length || !lines[i].matches("index (0|[1-9][0-9]{0,18})")) {
      throw new LedgerFormatException("a proof has an index line: a decimal, no leading zeroes");
    }
    long index;
    try {
      index = Long.parseLong(lines[i].substring(6));
    } catch (NumberFormatException e) {
      throw new LedgerFormatException("an entry index is too large");
    }
    List<TreeHash> path = new ArrayList<>();
    for (i++; i < lines.length; i++) {
      if (path.size() == 63) {
        throw new LedgerFormatException("an inclusion proof has at most 63 hashes");
      }
      path.add(TreeHash.fromBase64(lines[i]));
    }
    return new InclusionProof(extra, index, path, SignedNote.parse(text.substring(blank + 2)));
  }
}
