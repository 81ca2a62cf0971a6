package org.urna.kiosk.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The kiosk's own words in one language, from {@code messages_<lang>.properties} (UTF-8), formatted
 * with ICU's {@link MessageFormat} so that plural forms follow the language's rules ("1 кандидата",
 * "3 кандидатов"). A language the election carries but the kiosk has no bundle for falls back to
 * English for the kiosk's words; the election's own texts still come from the manifest.
 */
public final class Messages {
  private static final String BUNDLE = "org.urna.kiosk.i18n.messages";

  /**
   * The languages the kiosk has complete words for, on screen and on paper. A build test checks
   * that each bundle has every key of the English one, so a missing text fails the build.
   */
  public static final java.util.List<String> SHIPPED = java.util.List.of("ru", "en", "tt");

  private final String language;
  private final ULocale locale;
  private final ResourceBundle bundle;

  /**
   * The areas of the kiosk's words, one bundle each ({@code <area>_<lang>.properties} beside {@code
   * messages_<lang>.properties}): the voter's screens and paper, the operator's sign-in,
   * poll-worker mode, service mode.
   */
  public enum Area {
    VOTER("messages"),
    OPERATOR("operator"),
    POLLS("polls"),
    SERVICE("service");

    private final String bundle;

    Area(String file) {
      this.bundle = "org.urna.kiosk.i18n." + file;
    }

    public String bundle() {
      return bundle;
    }
  }

  private Messages(String bundleName, String language) {
    this.language = language;
    this.locale = new ULocale(language);
    this.bundle = load(bundleName, language);
  }

  private static ResourceBundle load(String bundleName, String language) {
    ResourceBundle.Control control =
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    try {
      return ResourceBundle.getBundle(bundleName, Locale.forLanguageTag(language), control);
    } catch (MissingResourceException e) {
      return ResourceBundle.getBundle(bundleName, Locale.ENGLISH, control);
    }
  }

  /** The kiosk's words for {@code language} (the voter's screens and paper). */
  public static Messages of(String language) {
    return new Messages(BUNDLE, language);
  }

  /** The words of one area of the kiosk for {@code language}. */
  public static Messages of(Area area, String language) {
    return new Messages(area.bundle(), language);
  }

  public String language() {
    return language;
  }

  /** The text of {@code key} with its arguments; plural and number forms follow the language. */
  public String text(String key, Object... args) {
    String pattern;
    try {
      pattern = bundle.getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalArgumentException("no kiosk text '" + key + "'", e);
    }
    if (args.length == 0) {
      return pattern;
    }
    return new MessageFormat(pattern, locale).format(args);
  }

  /** True when the kiosk's words exist in this language itself (not through the fallback). */
  public boolean hasOwnWords() {
    return bundle.getLocale().getLanguage().equals(Locale.forLanguageTag(language).getLanguage());
  }
}
