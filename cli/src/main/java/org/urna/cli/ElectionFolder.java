package org.urna.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.urna.ballotbox.cli.ElectionInputs;
import org.urna.core.crypto.ElectionKey;
import org.urna.core.crypto.SigningKey;
import org.urna.core.election.ElectionPackage;
import org.urna.core.election.ElectionPackageException;
import org.urna.core.election.TrustAnchor;
import picocli.CommandLine.ParameterException;

/**
 * The folder {@code urna sample-election} writes: the signed package, the pinned trust anchor and
 * the demo station keys. Loading checks the package's signature against the anchor.
 */
final class ElectionFolder {
  private ElectionFolder() {}

  static ElectionInputs load(Path folder, String stationId, picocli.CommandLine cmd) {
    try {
      byte[] pkg = Files.readAllBytes(folder.resolve("election-package.json"));
      TrustAnchor anchor =
          TrustAnchor.fromHex(
              Files.readString(folder.resolve("trust-anchor.sha256"), StandardCharsets.UTF_8)
                  .trim());
      ElectionPackage p = ElectionPackage.load(pkg, anchor);
      Path keyFile = folder.resolve("demo-station-" + stationId + ".hex");
      SigningKey stationKey =
          SigningKey.fromHex(Files.readString(keyFile, StandardCharsets.UTF_8).trim());
      return new ElectionInputs(
          p.manifest(), new ElectionKey(p.electionKey(), p.extendedHash()), stationKey);
    } catch (NoSuchFileException e) {
      throw new ParameterException(
          cmd,
          "Missing "
              + e.getFile()
              + ": run `urna sample-election --out "
              + folder
              + "` first, or pass --election.");
    } catch (ElectionPackageException e) {
      throw new ParameterException(cmd, "The election package was refused: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
