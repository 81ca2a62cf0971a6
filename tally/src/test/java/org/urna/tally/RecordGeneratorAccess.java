package org.urna.tally;

import java.util.Map;
import org.urna.tally.record.RecordFiles;

/** Test access to the small record's generator from other test packages. */
public final class RecordGeneratorAccess {
  private RecordGeneratorAccess() {}

  /** The small record, its ceremony folder (with deals) and the trust anchor. */
  public record Small(RecordFiles record, Map<String, byte[]> ceremonyFolder, String trustAnchor) {}

  public static Small small() throws Exception {
    RecordGenerator.Generated g = RecordGenerator.small();
    return new Small(g.files(), g.ceremonyFolder(), g.sample().trustAnchor().sha256Hex());
  }
}
