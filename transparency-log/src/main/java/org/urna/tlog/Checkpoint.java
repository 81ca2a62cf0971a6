package org.urna.tlog;

import java.util.Arrays;
import java.util.List;

/**
 * The text of a C2SP tlog-checkpoint: the origin line, the tree size in decimal, the base64 root
 * hash, then optional non-empty extension lines.
 */
public record Checkpoint(String origin, long size, TreeHash root, List<String> extensions) {
  public Checkpoint {
    if (origin == null || origin.isEmpty() || origin.contains("\n")) {
      throw new LedgerFormatException("a checkpoint's origin is one non-empty line");
    }
    if (size < 0 || root == null) {
      throw new LedgerFormatException("a checkpoint has a tree size and a root hash");
    }
    extensions = List.copyOf(extensions);
  }

  public static Checkpoint parse(String text) {
    if (text == null || !text.endsWith("\n")) {
      throw new LedgerFormatException("a checkpoint's text ends in a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new LedgerFormatException("a checkpoint has an origin, a size and a root hash");
    }
    if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
      throw new LedgerFormatException("a tree size is a decimal without leading zeroes");
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new LedgerFormatException("a tree size is too large");
    }
    List<String> ext = Arrays.asList(lines).subList(3, lines.length);
    if (ext.stream().anyMatch(String::isEmpty)) {
      throw new LedgerFormatException("a checkpoint's extension lines are not empty");
    }
    return new Checkpoint(lines[0], size, TreeHash.fromBase64(lines[2]), ext);
  }
}
