package org.urna.ballotbox.cli;

import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.ElectionManifest;

/**
 * What the cast command needs besides the box: the election and the station's signing key. Until
 * the election package files land, the {@code urna} CLI (or a test) supplies them.
 */
public record ElectionInputs(ElectionManifest manifest, ElectionKey key, SigningKey stationKey) {
  public ElectionInputs {
    if (manifest == null || key == null || stationKey == null) {
      throw new IllegalArgumentException("the manifest, the election key and the station key");
    }
  }
}
