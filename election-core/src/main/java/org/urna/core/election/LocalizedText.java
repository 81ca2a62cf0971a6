package org.urna.core.election;

import java.util.Map;
import java.util.TreeMap;

/**
 * A human text in several languages, keyed by BCP 47 language tag ("ru", "en", "tt", ...). Any
 * Unicode script; no control characters (spec 3.1).
 */
public record LocalizedText(Map<String, String> texts) {
  public LocalizedText {
    if (texts == null || texts.isEmpty()) {
      throw new IllegalArgumentException("a text needs at least one language");
    }
    texts = java.util.Collections.unmodifiableMap(new TreeMap<>(texts));
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
