package org.urna.kiosk.polls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The election fingerprint a poll worker compares with the paper instructions (rule in
 * docs/spec/election-fingerprint.md): h = SHA-256 of the election package file's bytes; the short
 * hash is h's first 8 bytes in hex, four groups of four; the words are the entries of the fixed
 * list of 256 words (fingerprint-words.txt, line n+1 for byte value n) chosen by h's first four
 * bytes.
 */
public record ElectionFingerprint(String hex, String shortHash, List<String> words) {
  static final List<String> WORDS = loadWords();

  public static ElectionFingerprint of(byte[] packageFile) {
    byte[] h;
    try {
      h = MessageDigest.getInstance("SHA-256").digest(packageFile);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String hex = HexFormat.of().formatHex(h);
    String shortHash =
        String.join(
            "-",
            hex.substring(0, 4),
            hex.substring(4, 8),
            hex.substring(8, 12),
            hex.substring(12, 16));
    List<String> words =
        List.of(
            WORDS.get(h[0] & 0xff),
            WORDS.get(h[1] & 0xff),
            WORDS.get(h[2] & 0xff),
            WORDS.get(h[3] & 0xff));
    return new ElectionFingerprint(hex, shortHash, words);
  }

  /** "3f2a-91c0-77de-0b15 · amber cloud otter violin". */
  public String display() {
    return shortHash + " · " + String.join(" ", words);
  }

  private static List<String> loadWords() {
    try (InputStream in =
        ElectionFingerprint.class.getResourceAsStream(
            "/org/urna/kiosk/polls/fingerprint-words.txt")) {
      List<String> w =
          new String(in.readAllBytes(), StandardCharsets.US_ASCII)
              .lines()
              .map(String::strip)
              .toList();
      if (w.size() != 256 || w.stream().distinct().count() != 256) {
        throw new IllegalStateException("the fingerprint word list must hold 256 distinct words");
      }
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
