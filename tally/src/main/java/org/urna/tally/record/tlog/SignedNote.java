package org.urna.tally.record.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note: text ending in a newline, a blank line, then lines {@code — <name> base64(key
 * ID || signature)}.
 */
public record SignedNote(String text, List<Line> signatures) {
  public static final int MAX_BYTES = 1 << 20;
  static final String DASH = "\u2014";

  /** One signature line. */
  public record Line(String name, int keyId, byte[] signature) {}

  public static SignedNote parse(byte[] bytes) throws TlogFormatException {
    if (bytes.length > MAX_BYTES) {
      throw new TlogFormatException("a note is larger than 1 MiB");
    }
    String s;
    try {
      s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new TlogFormatException("a note is not UTF-8");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\n') || c == 0x7f) {
        throw new TlogFormatException("a note holds a control character");
      }
    }
    int split = s.lastIndexOf("\n\n");
    if (split < 0) {
      throw new TlogFormatException("a note has no blank line before its signatures");
    }
    String sigs = s.substring(split + 2);
    if (sigs.isEmpty() || !sigs.endsWith("\n")) {
      throw new TlogFormatException("a note's signature lines end in a newline");
    }
    List<Line> lines = new ArrayList<>();
    for (String line : sigs.substring(0, sigs.length() - 1).split("\n", -1)) {
      if (!line.startsWith(DASH + " ")) {
        throw new TlogFormatException("a signature line starts with an em dash and a space");
      }
      String[] f = line.substring(2).split(" ", -1);
      if (f.length != 2 || f[0].isEmpty()) {
        throw new TlogFormatException("a signature line is '— <name> <signature>'");
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(f[1]);
      } catch (IllegalArgumentException e) {
        throw new TlogFormatException("a signature is not base64");
      }
      if (raw.length < 5 || !Base64.getEncoder().encodeToString(raw).equals(f[1])) {
        throw new TlogFormatException("a signature is a key ID and at least one byte");
      }
      lines.add(
          new Line(f[0], ByteBuffer.wrap(raw).getInt(), Arrays.copyOfRange(raw, 4, raw.length)));
    }
    if (lines.size() > 100) {
      throw new TlogFormatException("a note has more than 100 signatures");
    }
    return new SignedNote(s.substring(0, split + 1), List.copyOf(lines));
  }

  /** True when {@code line} is a valid Ed25519 (0x01) note signature by {@code key}. */
  public boolean signed(Line line, VerifierKey key) {
    return key.type() == VerifierKey.ED25519
        && line.name().equals(key.name())
        && line.keyId() == key.keyId()
        && key.verifies(text.getBytes(StandardCharsets.UTF_8), line.signature());
  }

  /**
   * True when {@code line} is a valid tlog-cosignature/v1 by {@code key}: the signature is {@code
   * u64 time || Ed25519("cosignature/v1\ntime <time>\n" || text)}.
   */
  public boolean cosigned(Line line, VerifierKey key) {
    byte[] b = line.signature();
    if (key.type() != VerifierKey.COSIGNATURE
        || !line.name().equals(key.name())
        || line.keyId() != key.keyId()
        || b.length != 72) {
      return false;
    }
    long time = ByteBuffer.wrap(b).getLong();
    if (time < 0) {
      return false;
    }
    byte[] msg = ("cosignature/v1\ntime " + time + "\n" + text).getBytes(StandardCharsets.UTF_8);
    return key.verifies(msg, Arrays.copyOfRange(b, 8, 72));
  }
}
