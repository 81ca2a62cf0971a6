package org.urna.core.election;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A human text in several languages, keyed by lower-case BCP 47 language tag ("ru", "en", "tt",
 * ...). Any Unicode script; no control characters; NFC; at most 4,096 characters (spec 3.1). Errors
 * name the language as the field: {@code tt: contains a control character ...}.
 */
public record LocalizedText(Map<String, String> texts) {
  public LocalizedText {
    if (texts == null || texts.isEmpty()) {
      throw new ManifestFieldException("", "needs a text in at least one language");
    }
    if (texts.size() > ManifestLimits.MAX_LANGUAGES) {
      throw new ManifestFieldException(
          "",
          "has "
              + texts.size()
              + " languages; at most "
              + ManifestLimits.MAX_LANGUAGES
              + " are allowed");
    }
    for (Map.Entry<String, String> e : texts.entrySet()) {
      TextRules.checkLanguage(TextRules.shorten(String.valueOf(e.getKey())), e.getKey());
      TextRules.checkText(e.getKey(), e.getValue());
    }
    texts = Collections.unmodifiableMap(new TreeMap<>(texts));
  }

  public static LocalizedText of(String... langAndText) {
    if (langAndText.length % 2 != 0) {
      throw new IllegalArgumentException("pairs of language and text");
    }
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < langAndText.length; i += 2) {
      m.put(langAndText[i], langAndText[i + 1]);
    }
    return new LocalizedText(m);
  }

  /** The text in {@code language}, else in {@code fallback}, else in any language it has. */
  public String in(String language, String fallback) {
    String t = texts.get(language);
    if (t == null) {
      t = texts.get(fallback);
    }
    return t != null ? t : texts.values().iterator().next();
  }
}
