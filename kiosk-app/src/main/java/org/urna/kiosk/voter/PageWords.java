package org.urna.kiosk.voter;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;

/**
 * The words of a page bar in the voter's language: "Candidates {0}–{1} of {2}" (an ICU pattern,
 * formatted once the list knows what fits), the two page buttons, and what to say on a page that
 * holds only a contest's question.
 */
public record PageWords(
    String language, String rangePattern, String previousLabel, String nextLabel, String leadOnly) {

  /** "Candidates 1–7 of 10" for items {@code first}..{@code last} (1-based) of {@code total}. */
  public String range(int first, int last, int total) {
    return new MessageFormat(rangePattern, new ULocale(language))
        .format(new Object[] {first, last, total});
  }
}
