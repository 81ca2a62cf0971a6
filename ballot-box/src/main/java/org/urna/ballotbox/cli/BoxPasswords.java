package org.urna.ballotbox.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a ballot box password from the first line of a file (never from the command line). */
final class BoxPasswords {
  private BoxPasswords() {}

  static char[] read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.getFirst().isBlank()) {
        throw new IllegalArgumentException("The password file " + file + " is empty.");
      }
      return lines.getFirst().toCharArray();
    } catch (IOException e) {
      throw new IllegalArgumentException("The password file " + file + " cannot be read.", e);
    }
  }
}
