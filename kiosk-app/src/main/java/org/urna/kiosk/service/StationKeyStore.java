package org.urna.kiosk.service;

import java.io.IOException;
import java.util.Optional;
import org.urna.core.crypto.SigningKey;
import org.urna.core.crypto.VerifyingKey;

/**
 * Where the station's signing key (Ed25519) lives: what service mode needs of it. {@link
 * StateFolderKeyStore} keeps it in the station's state folder; the running station's own key store
 * can implement this too.
 */
public interface StationKeyStore {
  /** The station's public key, if a key was generated. */
  Optional<VerifyingKey> publicKey() throws IOException;

  /** The station's signing key, if a key was generated. */
  Optional<SigningKey> signingKey() throws IOException;

  /**
   * Generates a new key and keeps it. Refuses (IllegalStateException) when a key exists and {@code
   * replace} is false.
   */
  VerifyingKey generate(boolean replace) throws IOException;
}
