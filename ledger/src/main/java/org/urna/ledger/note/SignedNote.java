package org.urna.ledger.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A C2SP signed note: text ending in a newline, a blank line, then one or more signature lines. */
public record SignedNote(String text, List<NoteSignature> signatures) {
  /** Verifiers must accept at least 16 signatures; more than this many is refused. */
  public static final int MAX_SIGNATURES = 100;

  public static final int MAX_BYTES = 1 << 20;

  public SignedNote {
    if (text == null || text.isEmpty() || !text.endsWith("\n")) {
      throw new NoteFormatException("note text must end in a newline");
    }
    checkCharacters(text);
    signatures = List.copyOf(signatures);
    if (signatures.size() > MAX_SIGNATURES) {
      throw new NoteFormatException("too many signatures on a note");
    }
  }

  public String format() {
    StringBuilder sb = new StringBuilder(text).append('\n');
    signatures.forEach(s -> sb.append(s.line()));
    return sb.toString();
  }

  public byte[] bytes() {
    return format().getBytes(StandardCharsets.UTF_8);
  }

  public SignedNote withSignature(NoteSignature signature) {
    List<NoteSignature> all = new ArrayList<>(signatures);
    all.removeIf(s -> s.name().equals(signature.name()) && s.keyId() == signature.keyId());
    all.add(signature);
    return new SignedNote(text, all);
  }

  public static SignedNote parse(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new NoteFormatException("note too large");
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
      throw new NoteFormatException("a note is not valid UTF-8");
    }
    return parse(s);
  }

  public static SignedNote parse(String s) {
    checkCharacters(s);
    int split = s.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteFormatException("a note has no blank line before its signatures");
    }
    String text = s.substring(0, split + 1);
    String sigs = s.substring(split + 2);
    if (sigs.isEmpty() || !sigs.endsWith("\n")) {
      throw new NoteFormatException("a note needs signature lines ending in a newline");
    }
    List<NoteSignature> list = new ArrayList<>();
    for (String line : sigs.substring(0, sigs.length() - 1).split("\n", -1)) {
      if (list.size() == MAX_SIGNATURES) {
        throw new NoteFormatException("too many signatures on a note");
      }
      list.add(NoteSignature.parseLine(line));
    }
    return new SignedNote(text, list);
  }

  private static void checkCharacters(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\n') || Character.isSurrogate(c) && !validSurrogate(s, i)) {
        throw new NoteFormatException("a note contains a control character");
      }
    }
  }

  private static boolean validSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** Signs the text with a plain Ed25519 note key (type 0x01). */
  public static NoteSignature sign(SigningKey key, String text) {
    if (key.type() != SignatureType.ED25519) {
      throw new IllegalArgumentException("a plain note signature needs an Ed25519 (0x01) key");
    }
    return new NoteSignature(
        key.name(), key.keyId(), key.signRaw(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** True when some signature from {@code key} (name and key ID) verifies over the text. */
  public boolean verifiedBy(VerifierKey key) {
    if (key.type() != SignatureType.ED25519) {
      return false;
    }
    byte[] msg = text.getBytes(StandardCharsets.UTF_8);
    for (NoteSignature sig : signatures) {
      if (key.matches(sig) && key.verifyRaw(msg, sig.signature())) {
        return true;
      }
    }
    return false;
  }
}
