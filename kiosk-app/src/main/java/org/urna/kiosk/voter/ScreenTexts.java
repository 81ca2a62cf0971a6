package org.urna.kiosk.voter;

import java.util.ArrayList;
import java.util.List;
import org.urna.core.election.CandidateContest;
import org.urna.core.election.Contest;
import org.urna.core.election.ElectionManifest;
import org.urna.core.election.LocalizedText;
import org.urna.core.election.ReferendumContest;
import org.urna.kiosk.i18n.LanguageNames;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.paper.PaperDocuments;
import org.urna.kiosk.station.BallotMarks;

/** Puts a session's state into words: builds the screens' view-models in the voter's language. */
final class ScreenTexts {
  private final ElectionManifest manifest;
  private final Messages m;
  private final String lang;
  private final String fallback;

  ScreenTexts(ElectionManifest manifest, Messages m) {
    this.manifest = manifest;
    this.m = m;
    this.lang = m.language();
    this.fallback = manifest.languages().getFirst();
  }

  String t(LocalizedText text) {
    return text.in(lang, fallback);
  }

  List<LanguageViewModel.Option> languages() {
    return manifest.languages().stream()
        .map(l -> new LanguageViewModel.Option(l, LanguageNames.nativeName(l), l.equals(lang)))
        .toList();
  }

  SettingsViewModel settings(int size, boolean contrast) {
    return new SettingsViewModel(
        languages(),
        size,
        m.text("settings.textSize", size, SettingsViewModel.SIZES),
        m.text("settings.smaller"),
        m.text("settings.larger"),
        contrast,
        m.text(contrast ? "settings.contrast.standard" : "settings.contrast.high"));
  }

  WaitingViewModel waiting(boolean open) {
    String titleKey = open ? "waiting.title" : "waiting.closed.title";
    String bodyKey = open ? "waiting.body" : "waiting.closed.body";
    List<String> others = new ArrayList<>();
    for (String l : manifest.languages()) {
      if (!l.equals(lang)) {
        Messages other = Messages.of(l);
        others.add(other.text(titleKey));
        others.add(other.text(bodyKey));
      }
    }
    return new WaitingViewModel(m.text(titleKey), m.text(bodyKey), open, others);
  }

  LanguageViewModel language() {
    return new LanguageViewModel(
        m.text("language.title"), m.text("language.body"), languages(), m.text("language.start"));
  }

  ContestViewModel contest(
      BallotMarks marks,
      int index,
      String notice,
      boolean returnToReview,
      int anchor,
      String focusSelection) {
    Contest c = marks.contests().get(index);
    int total = marks.contests().size();
    List<ContestViewModel.Choice> choices = new ArrayList<>();
    for (String sid : c.selectionIds()) {
      boolean on = marks.isMarked(c.id(), sid);
      String description = description(c, sid);
      choices.add(
          new ContestViewModel.Choice(
              sid,
              PaperDocuments.selectionName(c, sid, lang, fallback),
              description,
              on,
              m.text(on ? "choice.selected" : "choice.notSelected")));
    }
    String rule =
        switch (c) {
          case CandidateContest cc -> m.text("contest.voteFor", cc.votesAllowed());
          case ReferendumContest r -> m.text("contest.referendum.hint");
        };
    String question =
        switch (c) {
          case CandidateContest cc -> "";
          case ReferendumContest r -> t(r.question());
        };
    String next =
        returnToReview
            ? m.text("nav.backToReview")
            : index == total - 1 ? m.text("nav.review") : m.text("nav.next");
    return new ContestViewModel(
        c.id(),
        m.text("contest.progress", index + 1, total),
        t(c.title()),
        rule,
        question,
        choices,
        m.text("contest.chosen", marks.chosen(c.id()).size(), c.limit()),
        notice,
        m.text("nav.back"),
        next,
        m.text("contest.limit.ok"),
        anchor,
        focusSelection,
        new PageWords(
            lang,
            m.text(c instanceof ReferendumContest ? "page.answers" : "page.candidates"),
            m.text("page.previous"),
            m.text("page.next"),
            m.text("page.questionOnly")));
  }

  String limitNotice(BallotMarks marks, String contestId, String selectionId) {
    Contest c =
        marks.contests().stream().filter(x -> x.id().equals(contestId)).findFirst().orElseThrow();
    String name = PaperDocuments.selectionName(c, selectionId, lang, fallback);
    return switch (c) {
      case CandidateContest cc -> m.text("contest.limit", cc.votesAllowed(), name);
      case ReferendumContest r -> m.text("contest.limit.referendum", name);
    };
  }

  ReviewViewModel review(BallotMarks marks, int anchor, String focusContest) {
    List<ReviewViewModel.Row> rows = new ArrayList<>();
    for (Contest c : marks.contests()) {
      List<ReviewViewModel.Chosen> chosen =
          marks.chosen(c.id()).stream()
              .map(
                  sid ->
                      new ReviewViewModel.Chosen(
                          PaperDocuments.selectionName(c, sid, lang, fallback),
                          description(c, sid)))
              .toList();
      int left = c.limit() - chosen.size();
      String warning =
          chosen.isEmpty() ? m.text("review.none") : left > 0 ? m.text("review.under", left) : "";
      rows.add(
          new ReviewViewModel.Row(c.id(), t(c.title()), chosen, warning, m.text("review.change")));
    }
    return new ReviewViewModel(
        m.text("review.title"),
        m.text("review.body"),
        rows,
        m.text("nav.back"),
        m.text("review.print"),
        anchor,
        focusContest,
        new PageWords(
            lang, m.text("page.contests"), m.text("page.previous"), m.text("page.next"), ""));
  }

  /** The candidate's party or other description from the manifest; empty when it has none. */
  private String description(Contest c, String sid) {
    return switch (c) {
      case CandidateContest cc ->
          cc.candidates().stream()
              .filter(k -> k.id().equals(sid))
              .findFirst()
              .map(k -> k.description() == null ? "" : t(k.description()))
              .orElse("");
      case ReferendumContest r -> "";
    };
  }

  /** Before printing a ballot without any choice: which contests are empty, in words. */
  BlankBallotViewModel blank(BallotMarks marks) {
    return new BlankBallotViewModel(
        m.text("blank.title"),
        m.text("blank.body"),
        marks.contests().stream()
            .filter(c -> marks.chosen(c.id()).isEmpty())
            .map(c -> t(c.title()))
            .toList(),
        m.text("blank.print"),
        m.text("blank.back"));
  }

  Messages messages() {
    return m;
  }
}
