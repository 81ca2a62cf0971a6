package org.urna.kiosk.voter;

import java.util.ArrayList;
import java.util.List;

/**
 * One contest: progress, title, the rule ("vote for up to N"), the full question of a referendum,
 * the choices with their state, the explanation when a tap went over the limit. {@code anchor} is
 * the list item (the question first, when there is one) whose page shows; {@code focusSelection}
 * the choice that keeps the focus when the explanation closes (empty: none).
 */
public record ContestViewModel(
    String contestId,
    String progress,
    String title,
    String rule,
    String question,
    List<Choice> choices,
    String chosenCount,
    String notice,
    String backLabel,
    String nextLabel,
    String noticeOkLabel,
    int anchor,
    String focusSelection,
    PageWords paging)
    implements VoterScreen {
  public ContestViewModel {
    choices = List.copyOf(choices);
  }

  /** One selection button: name, optional description, marked or not (in words). */
  public record Choice(
      String selectionId, String name, String description, boolean selected, String state) {}

  @Override
  public List<String> spokenText() {
    List<String> out = new ArrayList<>(List.of(progress, title, rule));
    if (!question.isEmpty()) {
      out.add(question);
    }
    for (Choice c : choices) {
      out.add(c.name() + (c.description().isEmpty() ? "" : ", " + c.description()));
      out.add(c.state());
    }
    out.add(chosenCount);
    if (!notice.isEmpty()) {
      out.add(notice);
    }
    out.add(backLabel);
    out.add(nextLabel);
    return out;
  }
}
