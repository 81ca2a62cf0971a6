package org.urna.tally.files;

/** A trustee file that is not what its format says: names the file and the field. */
public class FileFormatException extends Exception {
  public FileFormatException(String message) {
    super(message);
  }
}
