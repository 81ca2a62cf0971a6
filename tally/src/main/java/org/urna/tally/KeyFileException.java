package org.urna.tally;

/** A trustee key file that cannot be opened: damaged, not a key file, or a wrong passphrase. */
public class KeyFileException extends Exception {
  public KeyFileException(String message) {
    super(message);
  }
}
