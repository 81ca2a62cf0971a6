package org.urna.kiosk.polls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.urna.core.crypto.SigningKey;

/**
 * The station's signing key in its state folder, file {@value #FILE} (spec:
 * docs/spec/station-state.md): two lines, {@value #FORMAT} and the Ed25519 seed in lower-case hex,
 * owner-only (0600). A technician creates it in service mode ({@link #generate}); the station never
 * makes one itself.
 */
public final class StationKeys {
  public static final String FILE = "station-key";
  public static final String FORMAT = "urna/station-key/v1";

  private StationKeys() {}

  /**
   * Creates the station's key in {@code stateFolder}; refuses when one exists (a station keeps its
   * key: its public half is registered in the election package).
   */
  public static SigningKey generate(Path stateFolder) {
    if (Files.exists(stateFolder.resolve(FILE))) {
      throw new IllegalStateException(
          "This station already has a key (" + stateFolder.resolve(FILE) + "): it is kept.");
    }
    SigningKey key = SigningKey.generate(new SecureRandom());
    install(stateFolder, key);
    return key;
  }

  /** Writes {@code key} as the station's key (service mode importing a registered key; tests). */
  public static void install(Path stateFolder, SigningKey key) {
    String text = FORMAT + "\n" + HexFormat.of().formatHex(key.seed()) + "\n";
    StateFiles.writeAtomically(
        stateFolder.resolve(FILE), text.getBytes(StandardCharsets.US_ASCII), true);
  }

  /** The station's key, or empty when a technician has not created it yet. */
  public static Optional<SigningKey> load(Path stateFolder) {
    Path file = stateFolder.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
      if (lines.size() < 2
          || !lines.get(0).equals(FORMAT)
          || !lines.get(1).matches("[0-9a-f]{64}")) {
        throw new IllegalStateException(
            "The station key file " + file + " is damaged: a technician must replace it.");
      }
      return Optional.of(SigningKey.fromSeed(HexFormat.of().parseHex(lines.get(1))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
