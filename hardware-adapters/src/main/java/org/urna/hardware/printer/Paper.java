package org.urna.hardware.printer;

import java.util.List;

/**
 * A whole piece of paper to print: blocks from top to bottom. The printer feeds and cuts after the
 * last block.
 *
 * @param name what this paper is (for logs: "paper record", "receipt"), never its content
 */
public record Paper(String name, List<PaperBlock> blocks) {
  public Paper {
    java.util.Objects.requireNonNull(name, "name");
    blocks = List.copyOf(blocks);
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("A paper needs at least one block");
    }
  }
}
