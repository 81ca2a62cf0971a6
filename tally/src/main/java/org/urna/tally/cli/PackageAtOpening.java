package org.urna.tally.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.ElectionPackageException;
import org.urna.core.election.TrustAnchor;

/**
 * Loads a signed election package as it stood when its polls opened: the tally's commands read a
 * package after the election, so its certificates are checked at the voting window's opening rather
 * than today.
 */
final class PackageAtOpening {
  private PackageAtOpening() {}

  static ElectionPackage load(byte[] bytes, TrustAnchor anchor)
      throws IOException, ElectionPackageException {
    Instant opens =
        JsonMapper.builder()
            .build()
            .readTree(bytes)
            .path("manifest")
            .path("votingWindow")
            .path("opens")
            .asText()
            .transform(Instant::parse);
    return ElectionPackage.load(bytes, anchor, opens);
  }
}
