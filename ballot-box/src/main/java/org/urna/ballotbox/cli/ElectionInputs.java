package org.urna.ballotbox.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.ElectionPackageException;
import org.urna.core.election.TrustAnchor;

/**
 * What the cast command needs besides the box: the election and the station's signing key, read
 * from a folder written by {@code urna sample-election} (or supplied by a test).
 */
public record ElectionInputs(ElectionManifest manifest, ElectionKey key, SigningKey stationKey) {
  public ElectionInputs {
    if (manifest == null || key == null || stationKey == null) {
      throw new IllegalArgumentException("the manifest, the election key and the station key");
    }
  }

  /**
   * Loads {@code election-package.json} (checked against {@code trust-anchor.sha256}) and {@code
   * demo-station-<station>.hex} from a folder written by {@code urna sample-election}.
   */
  public static ElectionInputs fromFolder(Path folder, String stationId) {
    try {
      TrustAnchor anchor = TrustAnchor.fromHex(firstLine(folder.resolve("trust-anchor.sha256")));
      ElectionPackage pkg =
          ElectionPackage.load(Files.readAllBytes(folder.resolve("election-package.json")), anchor);
      SigningKey station =
          SigningKey.fromHex(firstLine(folder.resolve("demo-station-" + stationId + ".hex")));
      return new ElectionInputs(
          pkg.manifest(), new ElectionKey(pkg.electionKey(), pkg.extendedHash()), station);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "The election folder " + folder + " lacks a file: " + e.getMessage(), e);
    } catch (ElectionPackageException e) {
      throw new IllegalArgumentException("The election package was refused: " + e.getMessage(), e);
    }
  }

  private static String firstLine(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8).getFirst().strip();
  }
}
