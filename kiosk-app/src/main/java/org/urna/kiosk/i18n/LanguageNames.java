package org.urna.kiosk.i18n;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.util.ULocale;

/** A language's name in that language itself ("Русский", "English", "Татар"), for the buttons. */
public final class LanguageNames {
  private LanguageNames() {}

  public static String nativeName(String language) {
    ULocale l = new ULocale(language);
    String name = l.getDisplayLanguage(l);
    if (name.isEmpty() || name.equals(language)) {
      return language;
    }
    return UCharacter.toTitleCase(l, name, null);
  }
}
