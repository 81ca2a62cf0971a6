package org.urna.kiosk.voter;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urna.core.ballot.BallotState;
import org.urna.kiosk.i18n.Messages;
import org.urna.kiosk.paper.PaperDocuments;
import org.urna.kiosk.paper.PrintOutcome;
import org.urna.kiosk.station.BallotMarks;
import org.urna.kiosk.station.BallotWorkflow;
import org.urna.kiosk.station.IdleTimer;
import org.urna.kiosk.station.StationEvent;
import org.urna.kiosk.station.StationMachine;
import org.urna.kiosk.station.StationState;

/**
 * The voter kiosk's view-model: owns the station machine and the one voter session, turns taps into
 * events, runs the heavy work through {@link BallotWorkflow}, and publishes the current screen as a
 * {@link VoterScreen} in words. Confined to the UI thread; worker results come back through {@link
 * KioskSetup#ui()}. Holds no choice of a voter once the session ends.
 */
public final class KioskViewModel {
  private static final Logger LOG = LoggerFactory.getLogger(KioskViewModel.class);
  static final int LANGUAGE_PAGE = -1;

  private final KioskSetup setup;
  private final StationMachine machine = new StationMachine(new StationState.PollsClosed());
  private final BallotWorkflow workflow;
  private final PaperDocuments documents;
  private final IdleTimer idle;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final String defaultLanguage;

  private String language;
  private int textSize = 1;
  private boolean highContrast;
  private long secondsLeft = -1;
  private VoterSession session;

  public KioskViewModel(KioskSetup setup) {
    this.setup = setup;
    this.defaultLanguage = setup.manifest().languages().getFirst();
    this.language = defaultLanguage;
    this.documents =
        new PaperDocuments(
            setup.manifest(),
            setup.stationId(),
            java.net.URI.create(setup.ledgerLookupUrl()),
            setup.clock().getZone());
    this.workflow =
        new BallotWorkflow(
            setup.manifest(),
            setup.electionKey(),
            setup.stationId(),
            setup.store(),
            setup.printer(),
            setup.worker(),
            setup.clock(),
            setup.random());
    this.idle =
        new IdleTimer(
            setup.scheduler(),
            setup.ui(),
            setup.timeouts(),
            new IdleTimer.Listener() {
              @Override
              public void warning(long seconds) {
                secondsLeft = seconds;
                changed();
              }

              @Override
              public void expired() {
                timedOut();
              }
            });
  }

  // ---- what the views read ----

  private boolean pollWorkerPresent;

  public void addListener(Runnable listener) {
    listeners.add(listener);
  }

  public StationState state() {
    return machine.state();
  }

  public VoterScreen screen() {
    ScreenTexts t = texts();
    return switch (machine.state()) {
      case StationState.PollsClosed p -> t.waiting(false);
      case StationState.WaitingForVoter w -> t.waiting(true);
      case StationState.Marking m -> session.markingScreen(t);
      case StationState.PrintingRecord p -> session.paperScreen(t, PaperViewModel.Stage.PRINTING);
      case StationState.AwaitingDecision a -> session.paperScreen(t, PaperViewModel.Stage.CHECK);
      case StationState.Recording r -> session.paperScreen(t, PaperViewModel.Stage.RECORDING);
      case StationState.Cast c -> session.outcomeScreen(t, true);
      case StationState.Challenged c -> session.outcomeScreen(t, false);
      case StationState.PrinterFailed f ->
          session.paperScreen(t, PaperViewModel.Stage.PRINTER_FAULT);
      case StationState.StationFault f ->
          session.paperScreen(t, PaperViewModel.Stage.STATION_FAULT);
    };
  }

  /** The settings bar, present while a voter's session is open. */
  public Optional<SettingsViewModel> settings() {
    return session == null
        ? Optional.empty()
        : Optional.of(texts().settings(textSize, highContrast));
  }

  public Optional<TimeoutViewModel> timeoutWarning() {
    if (secondsLeft < 0) {
      return Optional.empty();
    }
    Messages m = messages();
    return Optional.of(
        new TimeoutViewModel(
            m.text("timeout.title"), m.text("timeout.body", secondsLeft), m.text("timeout.stay")));
  }

  public int textSize() {
    return textSize;
  }

  public boolean highContrast() {
    return highContrast;
  }

  public String language() {
    return language;
  }

  /** True while anything of a voter's choices is held by this view-model. */
  public boolean holdsVoterData() {
    return session != null;
  }

  // ---- poll worker and activation ----

  /**
   * Whether a poll worker is signed in with card and PIN at this station now: the operator shell
   * sets it. Until then the poll worker's buttons on a voter's fault screens are locked.
   */
  public boolean pollWorkerPresent() {
    return pollWorkerPresent;
  }

  public void setPollWorkerPresent(boolean present) {
    if (present != pollWorkerPresent) {
      pollWorkerPresent = present;
      changed();
    }
  }

  /** True while the voter's session waits for a poll worker (a printer or station fault). */
  public boolean needsPollWorker() {
    StationState s = machine.state();
    return s instanceof StationState.PrinterFailed || s instanceof StationState.StationFault;
  }

  public void openPolls() {
    machine.apply(new StationEvent.PollsOpened());
    changed();
  }

  /** Closes the polls; a second call changes nothing. */
  public void closePolls() {
    if (!machine.accepts(new StationEvent.PollsClosed())) {
      return;
    }
    machine.apply(new StationEvent.PollsClosed());
    changed();
  }

  /** Opens a session for a ballot style; ignored unless the station waits for a voter. */
  public void activate(String ballotStyleId) {
    if (!machine.accepts(new StationEvent.VoterActivated(ballotStyleId))) {
      LOG.warn("activation ignored: the station is {}", machine.state());
      return;
    }
    BallotMarks marks = new BallotMarks(setup.manifest(), ballotStyleId);
    machine.apply(new StationEvent.VoterActivated(ballotStyleId));
    session = new VoterSession(this, marks);
    LOG.info("voter session opened for ballot style {}", ballotStyleId);
    idle.arm();
    changed();
  }

  // ---- the voter's settings, on every screen ----

  public void chooseLanguage(String code) {
    if (setup.manifest().languages().contains(code)) {
      language = code;
      acted();
    }
  }

  public void smallerText() {
    textSize = Math.max(1, textSize - 1);
    acted();
  }

  public void largerText() {
    textSize = Math.min(SettingsViewModel.SIZES, textSize + 1);
    acted();
  }

  public void toggleContrast() {
    highContrast = !highContrast;
    acted();
  }

  /**
   * Any touch or key: the voter is there. Re-arms the idle timer and hides its warning. Does not
   * redraw the screen otherwise: a redraw between press and release would swallow the tap.
   */
  public void activity() {
    StationState s = machine.state();
    if (session != null
        && !(s instanceof StationState.PrintingRecord)
        && !(s instanceof StationState.Recording)) {
      idle.arm();
    }
    if (secondsLeft >= 0) {
      secondsLeft = -1;
      changed();
    }
  }

  /** The voter did something that changes the screen. */
  void acted() {
    activity();
    changed();
  }

  /** The voter's session, for the actions of the voter's screens. */
  public VoterSession session() {
    if (session == null) {
      throw new IllegalStateException("no voter session is open");
    }
    return session;
  }

  // ---- package-private: the session drives the machine and the workflow ----

  StationMachine machine() {
    return machine;
  }

  BallotWorkflow workflow() {
    return workflow;
  }

  PaperDocuments documents() {
    return documents;
  }

  KioskSetup setup() {
    return setup;
  }

  IdleTimer idle() {
    return idle;
  }

  Messages messages() {
    return Messages.of(language);
  }

  ScreenTexts texts() {
    return new ScreenTexts(setup.manifest(), messages());
  }

  void changed() {
    listeners.forEach(Runnable::run);
  }

  /** Ends the voter's session: forgets every choice, resets the voter's settings. */
  void endSession() {
    if (session != null) {
      session.forget();
      session = null;
    }
    workflow.discard();
    idle.disarm();
    secondsLeft = -1;
    language = defaultLanguage;
    textSize = 1;
    highContrast = false;
    LOG.info("voter session ended");
    changed();
  }

  private void timedOut() {
    secondsLeft = -1;
    StationState s = machine.state();
    if (!machine.accepts(new StationEvent.TimedOut())) {
      return;
    }
    LOG.info("voter session timed out while {}", s.getClass().getSimpleName());
    StationState next = machine.apply(new StationEvent.TimedOut());
    if (next instanceof StationState.Recording) {
      // The paper record is out: void it, record the ballot as challenged, never cast.
      session.forgetMarks();
      changed();
      session.recordDecision(BallotState.CHALLENGED, true);
    } else {
      endSession();
    }
  }

  void afterDecision(BallotState state, boolean byTimeout, PrintOutcome paper) {
    machine.apply(new StationEvent.BallotRecorded(state));
    if (paper instanceof PrintOutcome.Failed(var fault)) {
      LOG.warn("printer fault {} after the decision was recorded", fault);
    }
    if (byTimeout) {
      endSession();
    } else {
      idle.arm();
      changed();
    }
  }
}
