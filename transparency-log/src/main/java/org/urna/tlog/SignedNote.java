package org.urna.tlog;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * A C2SP signed note: UTF-8 text ending in a newline, a blank line, then signature lines. Checks
 * plain Ed25519 note signatures (type 0x01) and tlog-cosignature/v1 cosignatures (type 0x04).
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
  /** More signatures than this are refused (verifiers must accept at least 16). */
  public static final int MAX_SIGNATURES = 100;

  public static final int MAX_BYTES = 1 << 20;

  public SignedNote {
    if (text == null || text.isEmpty() || !text.endsWith("\n")) {
      throw new LedgerFormatException("a note's text ends in a newline");
    }
    checkCharacters(text);
    signatures = List.copyOf(signatures);
    if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new LedgerFormatException("a note has between 1 and 100 signatures");
    }
  }

  public String format() {
    StringBuilder sb = new StringBuilder(text).append('\n');
    signatures.forEach(s -> sb.append(s.line()));
    return sb.toString();
  }

  public static SignedNote parse(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new LedgerFormatException("a note is larger than 1 MiB");
    }
    try {
      return parse(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      throw new LedgerFormatException("a note is not valid UTF-8");
    }
  }

  public static SignedNote parse(String s) {
    if (s.length() > MAX_BYTES) {
      throw new LedgerFormatException("a note is larger than 1 MiB");
    }
    checkCharacters(s);
    int split = s.lastIndexOf("\n\n");
    if (split < 0) {
      throw new LedgerFormatException("a note has no blank line before its signatures");
    }
    String sigs = s.substring(split + 2);
    if (sigs.isEmpty() || !sigs.endsWith("\n")) {
      throw new LedgerFormatException("a note's signature lines end in a newline");
    }
    List<NoteSignature> list = new ArrayList<>();
    for (String line : sigs.substring(0, sigs.length() - 1).split("\n", -1)) {
      if (list.size() == MAX_SIGNATURES) {
        throw new LedgerFormatException("a note has more than 100 signatures");
      }
      list.add(NoteSignature.parseLine(line));
    }
    return new SignedNote(s.substring(0, split + 1), list);
  }

  private static void checkCharacters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new LedgerFormatException("a note contains a control character");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new LedgerFormatException("a note contains a broken character");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new LedgerFormatException("a note contains a broken character");
      }
    }
  }

  /** True when a plain Ed25519 (0x01) signature by {@code key} verifies over the text. */
  public boolean signedBy(NoteKey key) {
    return signatures.stream().anyMatch(s -> signed(s, key));
  }

  /**
   * True when the one signature line {@code s} names {@code key} (name and key ID) and is its plain
   * Ed25519 (0x01) signature over the text.
   */
  public boolean signed(NoteSignature s, NoteKey key) {
    return key.type() == KeyType.ED25519
        && key.names(s)
        && key.verifyRaw(text.getBytes(StandardCharsets.UTF_8), s.signature());
  }

  /**
   * The timestamp of a valid cosignature/v1 by {@code key}, if there is one. The signed message is
   * {@code "cosignature/v1\ntime <t>\n" || text}; the signature is u64 t || Ed25519 signature.
   */
  public OptionalLong cosignedBy(NoteKey key) {
    for (NoteSignature s : signatures) {
      OptionalLong t = cosigned(s, key);
      if (t.isPresent()) {
        return t;
      }
    }
    return OptionalLong.empty();
  }

  /**
   * The timestamp of the one signature line {@code s} when it names {@code key} (name and key ID)
   * and is its valid cosignature/v1 of the text; empty otherwise.
   */
  public OptionalLong cosigned(NoteSignature s, NoteKey key) {
    byte[] body = s.signature();
    if (key.type() != KeyType.COSIGNATURE_V1 || !key.names(s) || body.length != 72) {
      return OptionalLong.empty();
    }
    long time = ByteBuffer.wrap(body).order(ByteOrder.BIG_ENDIAN).getLong();
    if (time < 0) {
      return OptionalLong.empty();
    }
    byte[] msg = ("cosignature/v1\ntime " + time + "\n" + text).getBytes(StandardCharsets.UTF_8);
    return key.verifyRaw(msg, Arrays.copyOfRange(body, 8, 72))
        ? OptionalLong.of(time)
        : OptionalLong.empty();
  }
}
