package org.urna.ballotbox.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a ballot box password from the first line of a file (never from the command line). Only a
 * regular file is opened: a pipe would wait for a writer for ever and a device ({@code /dev/zero})
 * never ends, so both are refused before anything is read, as is a file larger than {@link
 * #MAX_BYTES}.
 */
final class BoxPasswords {
  /** A password file is one line; anything larger is the wrong file. */
  static final int MAX_BYTES = 64 * 1024;

  private BoxPasswords() {}

  /** The password file cannot give a password; the message says why, in a technician's words. */
  static final class PasswordFileException extends Exception {
    PasswordFileException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static char[] read(Path file) throws PasswordFileException {
    if (Files.isSymbolicLink(file) && !Files.exists(file)) {
      String target;
      try {
        target = Files.readSymbolicLink(file).toString();
      } catch (IOException e) {
        target = "a file";
      }
      throw refused(
          file,
          "is a link to "
              + target
              + ", which does not exist: check --password-file or restore the file."
              + " Nothing was opened.",
          null);
    }
    if (!Files.exists(file)) {
      throw new PasswordFileException(
          "There is no password file at " + file + ": check --password-file. Nothing was opened.",
          null);
    }
    if (Files.isDirectory(file)) {
      throw refused(
          file,
          "is a folder: give the file whose first line is the ballot box password"
              + " (--password-file). Nothing was opened.",
          null);
    }
    if (!Files.isRegularFile(file)) {
      throw refused(
          file,
          "is not a regular file (a pipe, a device or a socket): give the file whose first line"
              + " is the ballot box password (--password-file). Nothing was opened.",
          null);
    }
    byte[] bytes = null;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw tooLarge(file);
      }
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_BYTES + 1);
      }
      if (bytes.length > MAX_BYTES) {
        throw tooLarge(file); // it grew after the size was read
      }
      char[] first = firstLine(bytes);
      if (first.length == 0 || new String(first).isBlank()) {
        Arrays.fill(first, '\0');
        throw refused(
            file,
            "is empty: its first line must be the ballot box password. Nothing was opened.",
            null);
      }
      return first;
    } catch (NoSuchFileException e) {
      throw new PasswordFileException(
          "There is no password file at " + file + ": check --password-file. Nothing was opened.",
          e);
    } catch (AccessDeniedException e) {
      throw refused(file, "cannot be read (no permission). Nothing was opened.", e);
    } catch (CharacterCodingException e) {
      throw refused(file, "is not text (UTF-8). Nothing was opened.", e);
    } catch (IOException e) {
      throw refused(file, "cannot be read (" + e.getMessage() + "). Nothing was opened.", e);
    } finally {
      if (bytes != null) {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  /** The characters of the first line (up to LF or CR LF), decoded strictly as UTF-8. */
  private static char[] firstLine(byte[] bytes) throws CharacterCodingException {
    int end = 0;
    while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
      end++;
    }
    CharBuffer chars =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, 0, end));
    char[] line = new char[chars.remaining()];
    chars.get(line);
    Arrays.fill(chars.array(), '\0');
    return line;
  }

  private static PasswordFileException tooLarge(Path file) {
    return refused(
        file,
        "is too large to be a password file (more than "
            + MAX_BYTES / 1024
            + " KiB): give the file whose first line is the ballot box password"
            + " (--password-file). Nothing was opened.",
        null);
  }

  private static PasswordFileException refused(Path file, String why, Throwable cause) {
    return new PasswordFileException("The password file " + file + " " + why, cause);
  }
}
