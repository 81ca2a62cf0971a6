package org.urna.tally.record.tlog;

import java.util.Base64;

/** The text of a C2SP tlog-checkpoint: origin, tree size, base64 root hash (no extension lines). */
public record Checkpoint(String origin, long size, byte[] root) {
  public static Checkpoint parse(String text) throws TlogFormatException {
    String[] lines = text.split("\n", -1);
    if (lines.length != 4 || !lines[3].isEmpty() || lines[0].isEmpty()) {
      throw new TlogFormatException("a checkpoint is three lines: origin, size, root hash");
    }
    if (!lines[1].matches("0|[1-9][0-9]{0,17}")) {
      throw new TlogFormatException("a tree size is a decimal without leading zeroes");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new TlogFormatException("the root hash is not base64");
    }
    if (root.length != 32 || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
      throw new TlogFormatException("the root hash is 32 bytes in standard base64");
    }
    return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
  }

  public String text() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
  }
}
