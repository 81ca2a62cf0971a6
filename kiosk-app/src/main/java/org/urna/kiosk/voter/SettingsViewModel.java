package org.urna.kiosk.voter;

import java.util.List;

/**
 * The bar on every voter screen: language, text size, contrast. {@code textSize} runs 1..{@link
 * #SIZES} (the four VVSG sizes).
 */
public record SettingsViewModel(
    List<LanguageViewModel.Option> languages,
    int textSize,
    String sizeText,
    String smallerLabel,
    String largerLabel,
    boolean highContrast,
    String contrastLabel) {
  public static final int SIZES = 4;

  public SettingsViewModel {
    languages = List.copyOf(languages);
  }
}
