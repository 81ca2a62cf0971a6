package org.urna.kiosk.voter;

import java.util.ArrayList;
import java.util.List;

/** The first screen of a session: the languages of the election, each named in itself. */
public record LanguageViewModel(
    String title, String body, List<Option> languages, String startLabel) implements VoterScreen {
  public LanguageViewModel {
    languages = List.copyOf(languages);
  }

  /** One language button. */
  public record Option(String code, String name, boolean chosen) {}

  @Override
  public List<String> spokenText() {
    List<String> out = new ArrayList<>(List.of(title, body));
    languages.forEach(l -> out.add(l.name()));
    out.add(startLabel);
    return out;
  }
}
