package org.urna.ledger.note;

import java.util.ArrayList;
import java.util.List;
import org.urna.ledger.merkle.NodeHash;
import org.urna.ledger.merkle.TreeHead;

/**
 * The note text of a C2SP tlog-checkpoint: origin line, tree size in decimal, base64 root hash,
 * then optional non-empty extension lines.
 */
public record Checkpoint(String origin, long size, NodeHash root, List<String> extensions) {
  public Checkpoint {
    if (origin == null || origin.isEmpty() || origin.contains("\n")) {
      throw new NoteFormatException("a checkpoint origin is one non-empty line");
    }
    if (size < 0) {
      throw new NoteFormatException("a tree size is never negative");
    }
    if (root == null) {
      throw new NoteFormatException("a checkpoint needs a root hash");
    }
    extensions = List.copyOf(extensions);
    for (String e : extensions) {
      if (e.isEmpty() || e.contains("\n")) {
        throw new NoteFormatException("extension lines are non-empty single lines");
      }
    }
  }

  public Checkpoint(String origin, TreeHead head) {
    this(origin, head.size(), head.root(), List.of());
  }

  public TreeHead head() {
    return new TreeHead(size, root);
  }

  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append(origin).append('\n').append(size).append('\n').append(root.base64()).append('\n');
    extensions.forEach(e -> sb.append(e).append('\n'));
    return sb.toString();
  }

  public static Checkpoint parse(String text) {
    if (!text.endsWith("\n")) {
      throw new NoteFormatException("checkpoint text ends in a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 3) {
      throw new NoteFormatException("a checkpoint has an origin, a size and a root hash");
    }
    String origin = lines[0];
    String sizeText = lines[1];
    if (sizeText.isEmpty()
        || sizeText.length() > 19
        || !sizeText.chars().allMatch(c -> c >= '0' && c <= '9')
        || (sizeText.length() > 1 && sizeText.charAt(0) == '0')) {
      throw new NoteFormatException("a tree size is a decimal without leading zeroes");
    }
    long size;
    try {
      size = Long.parseLong(sizeText);
    } catch (NumberFormatException e) {
      throw new NoteFormatException("a tree size is too large");
    }
    NodeHash root;
    try {
      root = NodeHash.fromBase64(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new NoteFormatException("a root hash is a base64 32-byte hash");
    }
    List<String> ext = new ArrayList<>();
    for (int i = 3; i < lines.length; i++) {
      ext.add(lines[i]);
    }
    return new Checkpoint(origin, size, root, ext);
  }
}
