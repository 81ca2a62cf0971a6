package org.urna.kiosk.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.urna.core.crypto.SigningKey;
import org.urna.core.crypto.VerifyingKey;
import org.urna.kiosk.polls.StationKeys;

/**
 * The station key in its state folder, in the one format the station runtime loads: {@link
 * StationKeys} (file {@value StationKeys#FILE}, docs/spec/station-state.md). Service mode writes
 * nothing of its own: a key generated here is the key the station signs with after its next start.
 * A replaced key is kept beside the new one as {@code station-key.replaced-<epoch seconds>}
 * (docs/decisions/0330-service-mode-screens.md).
 */
public final class StateFolderKeyStore implements StationKeyStore {
  private final Path folder;
  private final SecureRandom random;
  private final Clock clock;

  public StateFolderKeyStore(Path stateFolder, SecureRandom random) {
    this(stateFolder, random, Clock.systemUTC());
  }

  public StateFolderKeyStore(Path stateFolder, SecureRandom random, Clock clock) {
    this.folder = stateFolder;
    this.random = random;
    this.clock = clock;
  }

  /** The key file, {@code <state folder>/station-key}. */
  public Path file() {
    return folder.resolve(StationKeys.FILE);
  }

  @Override
  public synchronized Optional<SigningKey> signingKey() throws IOException {
    try {
      return StationKeys.load(folder);
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public Optional<VerifyingKey> publicKey() throws IOException {
    return signingKey().map(SigningKey::publicKey);
  }

  @Override
  public synchronized VerifyingKey generate(boolean replace) throws IOException {
    Files.createDirectories(folder);
    Path f = file();
    if (!Files.exists(f)) {
      return StationKeys.generate(folder).publicKey();
    }
    if (!replace) {
      throw new IllegalStateException("the station already has a key: " + f);
    }
    Files.copy(
        f,
        folder.resolve(StationKeys.FILE + ".replaced-" + clock.instant().getEpochSecond()),
        StandardCopyOption.COPY_ATTRIBUTES,
        StandardCopyOption.REPLACE_EXISTING);
    SigningKey key = SigningKey.generate(random);
    StationKeys.install(folder, key);
    return key.publicKey();
  }
}
