package org.urna.kiosk.voter;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.urna.core.ballot.BallotState;
import org.urna.core.ballot.PlaintextBallot;
import org.urna.hardware.printer.PrinterFault;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.paper.PaperDocuments;
import org.urna.kiosk.station.BallotMarks;
import org.urna.kiosk.station.BallotWorkflow;
import org.urna.kiosk.station.StationEvent;
import org.urna.kiosk.station.StationState;

/**
 * One voter's session: the marks, where the voter is (language page, a contest, review), and the
 * voter's actions. Lives from activation to the end of the session, then is forgotten.
 */
public final class VoterSession {
  private final KioskViewModel kiosk;
  private BallotMarks marks;
  private int page = KioskViewModel.LANGUAGE_PAGE;
  private boolean returnToReview;
  private String notice = "";
  private String trackingCode = "";
  private PrinterFault printerFault;
  private String faultDetail = "";
  private final java.util.Map<String, Integer> anchors = new java.util.HashMap<>();
  private final java.util.Map<String, java.util.Set<String>> seen = new java.util.HashMap<>();
  private String lastTapped = "";
  private String lastEdited = "";
  private int reviewAnchor;
  private boolean confirmingBlank;

  VoterSession(KioskViewModel kiosk, BallotMarks marks) {
    this.kiosk = kiosk;
    this.marks = marks;
  }

  // ---- the voter's actions ----

  public void start() {
    page = 0;
    act();
  }

  public void tap(String selectionId) {
    if (!marking() || !onContest()) {
      return;
    }
    String contestId = marks.contests().get(page).id();
    lastTapped = selectionId;
    notice =
        switch (marks.tap(contestId, selectionId)) {
          case BallotMarks.Tap.Marked t -> "";
          case BallotMarks.Tap.Unmarked t -> "";
          case BallotMarks.Tap.OverLimit o ->
              kiosk.texts().limitNotice(marks, contestId, selectionId);
        };
    kiosk.acted();
  }

  public void back() {
    if (!marking() || confirmingBlank) {
      return;
    }
    notice = "";
    lastTapped = "";
    page =
        page == reviewPage() ? reviewPage() - 1 : Math.max(KioskViewModel.LANGUAGE_PAGE, page - 1);
    act();
  }

  public void next() {
    if (!marking() || !onContest() || !allSeen(marks.contests().get(page).id())) {
      return;
    }
    notice = "";
    lastTapped = "";
    page = returnToReview ? reviewPage() : page + 1;
    if (page == reviewPage()) {
      reachReview();
    }
    act();
  }

  /** From review: change one contest, then come back to review. */
  public void change(String contestId) {
    if (!marking()) {
      return;
    }
    for (int i = 0; i < marks.contests().size(); i++) {
      if (marks.contests().get(i).id().equals(contestId)) {
        page = i;
        notice = "";
        lastTapped = "";
        lastEdited = contestId;
        reviewAnchor = i * org.urna.kiosk.ui.PagedList.PARTS;
        act();
        return;
      }
    }
  }

  /** Closes the explanation of a tap over the limit; the tapped choice keeps the focus. */
  public void dismissNotice() {
    if (marking() && !notice.isEmpty()) {
      notice = "";
      act();
    }
  }

  /**
   * The voter turned the page of the list on screen (a contest's choices or the review's rows): the
   * page holding list item {@code item} shows next.
   */
  public void showFrom(int item) {
    if (!marking()) {
      return;
    }
    if (onContest()) {
      anchors.put(marks.contests().get(page).id(), item);
    } else if (page == reviewPage()) {
      reviewAnchor = item;
    }
    act();
  }

  /**
   * The list of {@code key} (a contest id, or {@link #REVIEW}) has {@code ids} on screen now;
   * answers whether every item of it has been on screen at some time. Changes nothing on screen.
   */
  boolean shown(String key, java.util.Collection<String> ids) {
    seen.computeIfAbsent(key, k -> new java.util.HashSet<>()).addAll(ids);
    return allSeen(key);
  }

  /** True once every selection of the contest (or every row of the review) has been on screen. */
  boolean allSeen(String key) {
    if (marks == null) {
      return false;
    }
    java.util.Set<String> s = seen.getOrDefault(key, java.util.Set.of());
    if (key.equals(REVIEW)) {
      return marks.contests().stream().allMatch(c -> s.contains(c.id()));
    }
    return marks.contests().stream()
        .filter(c -> c.id().equals(key))
        .allMatch(c -> s.containsAll(c.selectionIds()));
  }

  /** The key of the review's rows in {@link #shown}. */
  static final String REVIEW = " review";

  /** "Print": the printing screen shows at once; the paper record prints on the worker. */
  public void print() {
    if (!marking() || page != reviewPage() || !allSeen(REVIEW) || confirmingBlank) {
      return;
    }
    if (marks.contests().stream().allMatch(c -> marks.chosen(c.id()).isEmpty())) {
      confirmingBlank = true; // a ballot without any choice: ask first, name the empty contests
      act();
      return;
    }
    printRecord();
  }

  /** The voter confirmed a ballot with no choice at all. */
  public void printBlank() {
    if (marking() && page == reviewPage() && confirmingBlank) {
      confirmingBlank = false;
      printRecord();
    }
  }

  /** The voter wants to choose after all: back to review. */
  public void cancelBlank() {
    if (marking() && confirmingBlank) {
      confirmingBlank = false;
      act();
    }
  }

  private void printRecord() {
    kiosk.machine().apply(new StationEvent.PrintRequested());
    kiosk.idle().disarm();
    kiosk.changed();
    PlaintextBallot plaintext = marks.plaintext();
    Messages m = kiosk.messages();
    kiosk
        .workflow()
        .printPaperRecord(plaintext, id -> kiosk.documents().paperRecord(plaintext, id, m))
        .whenCompleteAsync(
            (outcome, error) -> {
              if (error != null) {
                fault(error);
                return;
              }
              switch (outcome) {
                case BallotWorkflow.RecordOutcome.Printed p ->
                    kiosk.machine().apply(new StationEvent.PaperRecordPrinted());
                case BallotWorkflow.RecordOutcome.PrinterStopped(var f, var voided) -> {
                  printerFault = f;
                  kiosk.machine().apply(new StationEvent.PrintFailed(f));
                }
              }
              kiosk.idle().arm();
              kiosk.changed();
            },
            kiosk.setup().ui());
  }

  public void cast() {
    if (kiosk.state() instanceof StationState.AwaitingDecision) {
      kiosk.machine().apply(new StationEvent.CastChosen());
      recordDecision(BallotState.CAST, false);
    }
  }

  public void challenge() {
    if (kiosk.state() instanceof StationState.AwaitingDecision) {
      kiosk.machine().apply(new StationEvent.ChallengeChosen());
      recordDecision(BallotState.CHALLENGED, false);
    }
  }

  /** After the cast: the voter is done. */
  public void finish() {
    if (kiosk.state() instanceof StationState.Cast) {
      kiosk.machine().apply(new StationEvent.SessionEnded());
      kiosk.endSession();
    }
  }

  /** After a challenge or a printer repair: back to review, choices kept, a new ballot. */
  public void voteAgain() {
    StationState s = kiosk.state();
    if (s instanceof StationState.Challenged || s instanceof StationState.PrinterFailed) {
      kiosk.machine().apply(new StationEvent.VoteAgain());
      printerFault = null;
      trackingCode = "";
      reachReview();
      act();
    }
  }

  /** A poll worker's button: locked, with a hint, until a poll worker has signed in. */
  private PaperViewModel.Action pollWorkers(String id, String label, Messages m) {
    boolean present = kiosk.pollWorkerPresent();
    return new PaperViewModel.Action(id, label, present ? "" : m.text("fault.locked"), !present);
  }

  /**
   * A poll worker tries the paper record again after fixing the printer; refused (nothing happens)
   * unless a poll worker is signed in.
   */
  public void retryByPollWorker() {
    if (kiosk.pollWorkerPresent()) {
      voteAgain();
    }
  }

  /**
   * A poll worker ends the session after a fault: nothing is cast. Refused (nothing happens) unless
   * a poll worker is signed in.
   */
  public void endByPollWorker() {
    if (kiosk.pollWorkerPresent() && kiosk.machine().accepts(new StationEvent.SessionEnded())) {
      kiosk.machine().apply(new StationEvent.SessionEnded());
      kiosk.endSession();
    }
  }

  // ---- package-private ----

  void recordDecision(BallotState decision, boolean byTimeout) {
    kiosk.idle().disarm();
    kiosk.changed();
    Messages m = kiosk.messages();
    var future =
        decision == BallotState.CAST
            ? kiosk.workflow().cast(r -> kiosk.documents().receipt(r, m))
            : kiosk.workflow().challenge(r -> kiosk.documents().voidedRecord(r, m));
    future.whenCompleteAsync(
        (d, error) -> {
          if (error != null) {
            fault(error);
            return;
          }
          trackingCode = PaperDocuments.readAloud(d.recorded());
          kiosk.afterDecision(decision, byTimeout, d.paper());
        },
        kiosk.setup().ui());
  }

  VoterScreen markingScreen(ScreenTexts t) {
    if (page == KioskViewModel.LANGUAGE_PAGE) {
      return t.language();
    }
    if (page == reviewPage() && confirmingBlank) {
      return t.blank(marks);
    }
    if (page == reviewPage()) {
      return t.review(marks, reviewAnchor, lastEdited);
    }
    String id = marks.contests().get(page).id();
    return t.contest(
        marks,
        page,
        notice,
        returnToReview,
        anchors.getOrDefault(id, 0),
        notice.isEmpty() ? lastTapped : "");
  }

  PaperViewModel paperScreen(ScreenTexts t, PaperViewModel.Stage stage) {
    Messages m = t.messages();
    return switch (stage) {
      case PRINTING ->
          new PaperViewModel(
              stage, m.text("printing.title"), m.text("printing.body"), "", true, List.of());
      case CHECK ->
          new PaperViewModel(
              stage,
              m.text("check.title"),
              m.text("check.body"),
              "",
              false,
              List.of(
                  new PaperViewModel.Action(
                      "cast", m.text("check.cast"), m.text("check.cast.hint")),
                  new PaperViewModel.Action(
                      "challenge", m.text("check.challenge"), m.text("check.challenge.hint"))));
      case RECORDING ->
          new PaperViewModel(
              stage, m.text("recording.title"), m.text("recording.body"), "", true, List.of());
      case PRINTER_FAULT ->
          new PaperViewModel(
              stage,
              m.text("fault.printer.title"),
              m.text("fault.printer.body"),
              m.text("fault.printer.detail", m.text("fault.printer." + printerFault.name())),
              false,
              List.of(
                  pollWorkers("retry", m.text("fault.retry"), m),
                  pollWorkers("end", m.text("fault.end"), m)));
      case STATION_FAULT ->
          new PaperViewModel(
              stage,
              m.text("fault.station.title"),
              m.text("fault.station.body"),
              faultDetail,
              false,
              List.of(pollWorkers("end", m.text("fault.end"), m)));
    };
  }

  OutcomeViewModel outcomeScreen(ScreenTexts t, boolean cast) {
    Messages m = t.messages();
    return cast
        ? new OutcomeViewModel(
            true,
            m.text("cast.title"),
            m.text("cast.body"),
            m.text("cast.code", trackingCode),
            "finish",
            m.text("cast.done"))
        : new OutcomeViewModel(
            false,
            m.text("challenged.title"),
            m.text("challenged.body"),
            m.text("challenged.code", trackingCode),
            "vote-again",
            m.text("challenged.again"));
  }

  /** Forgets the marks at once (the ballot box already holds what it needs). */
  void forgetMarks() {
    if (marks != null) {
      marks.clear();
    }
  }

  void forget() {
    forgetMarks();
    marks = null;
    notice = "";
    trackingCode = "";
    anchors.clear();
    seen.clear();
    lastTapped = "";
    lastEdited = "";
  }

  // ---- helpers ----

  private void fault(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    faultDetail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (kiosk.machine().accepts(new StationEvent.RecordFailed(faultDetail))) {
      kiosk.machine().apply(new StationEvent.RecordFailed(faultDetail));
    }
    kiosk.idle().disarm();
    kiosk.changed();
  }

  private void reachReview() {
    page = reviewPage();
    returnToReview = true;
    kiosk.workflow().encryptAhead(marks.plaintext());
  }

  private void act() {
    kiosk.acted();
  }

  private boolean marking() {
    return kiosk.state() instanceof StationState.Marking && marks != null;
  }

  private boolean onContest() {
    return page >= 0 && page < reviewPage();
  }

  private int reviewPage() {
    return marks.contests().size();
  }
}
