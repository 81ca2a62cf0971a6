package org.urna.ballotbox.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The command tests' proof that a refusal changed nothing: every file under a folder, hashed. */
final class FolderDigest {
  private FolderDigest() {}

  /** Every regular file under {@code folder} (subfolders too) with the SHA-256 of its bytes. */
  static Map<String, String> of(Path folder) throws IOException, NoSuchAlgorithmException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        files.put(folder.relativize(p).toString(), HexFormat.of().formatHex(sha));
      }
    }
    return files;
  }
}
