package org.urna.core.election;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * What a human text and a language tag may contain (spec 3.1). These rules also make the canonical
 * encoding unique: with no control characters and no unpaired surrogates, Jackson's output of a
 * string equals RFC 8785's, and NFC gives one encoding to texts that look the same.
 */
final class TextRules {
  /** Lower-case BCP 47 subset: a 2-3 letter language, up to two subtags (script, region). */
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[a-z0-9]{2,8}){0,2}");

  private TextRules() {}

  static void checkLanguage(String field, String tag) {
    if (tag == null || !LANGUAGE.matcher(tag).matches()) {
      throw new ManifestFieldException(
          field,
          "'"
              + shorten(String.valueOf(tag))
              + "' is not a language tag (lower case, like \"ru\", \"en\", \"tt\" or \"sr-latn\")");
    }
  }

  /** Refuses empty, blank, over-long, control-character, broken-surrogate or non-NFC text. */
  static void checkText(String field, String text) {
    if (text == null) {
      throw new ManifestFieldException(field, "is missing");
    }
    if (text.isBlank()) {
      throw new ManifestFieldException(field, "must not be empty");
    }
    int codePoints = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (Character.getType(cp) == Character.CONTROL) {
        throw new ManifestFieldException(
            field,
            "contains a control character (U+%04X) at position %d; line breaks and tabs are not allowed in texts"
                .formatted(cp, codePoints + 1));
      }
      if (Character.getType(cp) == Character.SURROGATE) {
        throw new ManifestFieldException(
            field,
            "contains a broken character (a lone UTF-16 surrogate) at position "
                + (codePoints + 1));
      }
      i += Character.charCount(cp);
      codePoints++;
    }
    if (codePoints > ManifestLimits.MAX_TEXT_CHARS) {
      throw new ManifestFieldException(
          field,
          "is "
              + codePoints
              + " characters long; at most "
              + ManifestLimits.MAX_TEXT_CHARS
              + " are allowed");
    }
    if (!Normalizer.isNormalized(text, Normalizer.Form.NFC)) {
      throw new ManifestFieldException(
          field, "is not in Unicode normal form NFC (save the file with composed characters)");
    }
  }

  /** A value quoted in a message: at most 40 characters, control characters shown as '?'. */
  static String shorten(String value) {
    return shorten(value, 40);
  }

  /** A value quoted in a message: at most {@code max} characters, control characters as '?'. */
  static String shorten(String value, int max) {
    String s = value.length() > max ? value.substring(0, max) + "…" : value;
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> b.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
    return b.toString();
  }
}
