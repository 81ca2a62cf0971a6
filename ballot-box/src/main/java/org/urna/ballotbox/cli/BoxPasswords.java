package org.urna.ballotbox.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a ballot box password from the first line of a file (never from the command line). */
final class BoxPasswords {
  private BoxPasswords() {}

  /** The password file cannot give a password; the message says why, in a technician's words. */
  static final class PasswordFileException extends Exception {
    PasswordFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static char[] read(Path file) throws PasswordFileException {
    try {
      if (Files.isDirectory(file)) {
        throw new PasswordFileException(
            "The password file "
                + file
                + " is a folder: give the file whose first line is the"
                + " ballot box password (--password-file).",
            null);
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.getFirst().isBlank()) {
        throw new PasswordFileException(
            "The password file "
                + file
                + " is empty: its first line must be the ballot box password. Nothing was opened.",
            null);
      }
      return lines.getFirst().toCharArray();
    } catch (NoSuchFileException e) {
      throw new PasswordFileException(
          "There is no password file at " + file + ": check --password-file. Nothing was opened.",
          e);
    } catch (AccessDeniedException e) {
      throw new PasswordFileException(
          "The password file " + file + " cannot be read (no permission). Nothing was opened.", e);
    } catch (CharacterCodingException e) {
      throw new PasswordFileException(
          "The password file " + file + " is not text (UTF-8). Nothing was opened.", e);
    } catch (IOException e) {
      throw new PasswordFileException(
          "The password file " + file + " cannot be read (" + e.getMessage() + ").", e);
    }
  }
}
